package dev.rolekeeper.sts;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.profiles.ProfileFile;

/** What every STS client of {@link SdkStsGateway} is built with. */
final class StsClientParts {

  private StsClientParts() {}

  /** What the clients read instead of the AWS files: every setting they need is given. */
  static final ProfileFile NO_PROFILES =
      ProfileFile.builder()
          .content(new ByteArrayInputStream(new byte[0]))
          .type(ProfileFile.Type.CONFIGURATION)
          .build();

  /**
   * Where the clients' call timeouts wait. Left to itself, each SDK client starts a pool that grows
   * to five threads as calls overlap (ten profiles fetched at start do), and keeps them for the
   * life of the daemon; a timeout is a tiny task, and one thread serves them all.
   */
  static ScheduledExecutorService timeoutThread() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "rolekeeper-sts-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    // A call that answers in time cancels its timeout; drop it now rather than when it was due.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /**
   * Puts the path of an endpoint such as {@code https://proxy.example.com/sts} back on each
   * request, before signing: the SDK sends STS's requests to {@code /} whatever the endpoint's
   * path, where botocore (and so the AWS CLI) keeps it.
   */
  static ExecutionInterceptor keepPath(URI endpoint) {
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
    return new ExecutionInterceptor() {
      @Override
      public SdkHttpRequest modifyHttpRequest(
          Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        if (path.isEmpty()
            || request.encodedPath().startsWith(path + "/")
            || request.encodedPath().equals(path)) {
          return request;
        }
        String rest = request.encodedPath();
        return request.toBuilder().encodedPath(rest.equals("/") ? path : path + rest).build();
      }
    };
  }
}

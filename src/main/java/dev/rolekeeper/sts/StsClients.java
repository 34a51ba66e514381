package dev.rolekeeper.sts;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK's STS clients of a gateway: one per endpoint, signing region and CA bundle, made on first
 * use, with the SDK's retries off and every call's timeout waiting on one shared thread. The
 * clients read nothing of the AWS files or the environment themselves: left alone, the SDK would
 * apply {@code [default]}'s (or {@code AWS_PROFILE}'s) endpoint settings to every profile's calls.
 */
final class StsClients implements AutoCloseable {

  private final URI endpointOverride;
  private final Duration callTimeout;
  private final AwsNetwork network;
  private final BiFunction<URI, Path, SdkHttpClient> http;
  private final Map<ClientKey, StsClient> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timeouts = timeoutThread();

  /** The calls to one endpoint, signed for one region, trusting one CA bundle share a client. */
  private record ClientKey(URI endpoint, String region, Path caBundle) {}

  /**
   * @param endpointOverride the STS endpoint every call goes to whatever its {@link StsTarget} says
   *     (rolekeeper's {@code sts.endpoint}), or null for each call's own
   * @param http the HTTP client an STS client sends with, by its endpoint and the CA bundle it
   *     trusts
   */
  StsClients(
      URI endpointOverride,
      Duration callTimeout,
      AwsNetwork network,
      BiFunction<URI, Path, SdkHttpClient> http) {
    this.endpointOverride = endpointOverride;
    this.callTimeout = callTimeout;
    this.network = network;
    this.http = http;
  }

  AwsNetwork network() {
    return network;
  }

  /** Where the calls for {@code target} go: the override when there is one, else its endpoint. */
  URI endpointOf(StsTarget target) {
    return endpointOverride != null ? endpointOverride : target.endpoint();
  }

  /**
   * The client for calls of a profile to {@code target}.
   *
   * @param profileCaBundle the profile's {@code ca_bundle}, or null
   * @throws NetworkSetupException when the CA bundle or a proxy variable cannot be used
   */
  StsClient get(StsTarget target, String profileCaBundle) {
    return clients.computeIfAbsent(
        new ClientKey(endpointOf(target), target.region(), network.caBundle(profileCaBundle)),
        this::newClient);
  }

  private StsClient newClient(ClientKey key) {
    return StsClient.builder()
        .region(Region.of(key.region()))
        .endpointOverride(key.endpoint())
        // Explicit, so the builder does not take them from the environment or [default].
        .fipsEnabled(false)
        .dualstackEnabled(false)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClient(http.apply(key.endpoint(), key.caBundle()))
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallTimeout(callTimeout)
                    .scheduledExecutorService(timeouts)
                    .defaultProfileFileSupplier(() -> NO_PROFILES)
                    .defaultProfileName("default")
                    .addExecutionInterceptor(keepPath(key.endpoint())))
        .build();
  }

  @Override
  public void close() {
    clients.values().forEach(StsClient::close);
    clients.clear();
    timeouts.shutdownNow();
  }

  /** What the clients read instead of the AWS files: every setting they need is given. */
  private static final ProfileFile NO_PROFILES =
      ProfileFile.builder()
          .content(new ByteArrayInputStream(new byte[0]))
          .type(ProfileFile.Type.CONFIGURATION)
          .build();

  /**
   * Where the clients' call timeouts wait. Left to itself, each SDK client starts a pool that grows
   * to five threads as calls overlap (ten profiles fetched at start do), and keeps them for the
   * life of the daemon; a timeout is a tiny task, and one thread serves them all.
   */
  private static ScheduledExecutorService timeoutThread() {
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
  private static ExecutionInterceptor keepPath(URI endpoint) {
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

package dev.rolekeeper.sts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK's STS clients of a gateway: one per region and CA bundle, made on first use, with the
 * SDK's retries off and every call's timeout waiting on one shared thread.
 */
final class StsClients implements AutoCloseable {

  private final URI endpointOverride;
  private final Duration callTimeout;
  private final AwsNetwork network;
  private final Function<Path, SdkHttpClient> http;
  private final Map<ClientKey, StsClient> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timeouts = timeoutThread();

  /** An STS client is made for each region and each CA bundle that calls go with. */
  private record ClientKey(String region, Path caBundle) {}

  /**
   * @param http the HTTP client an STS client sends with, by the CA bundle it trusts
   */
  StsClients(
      URI endpointOverride,
      Duration callTimeout,
      AwsNetwork network,
      Function<Path, SdkHttpClient> http) {
    this.endpointOverride = endpointOverride;
    this.callTimeout = callTimeout;
    this.network = network;
    this.http = http;
  }

  URI endpointOverride() {
    return endpointOverride;
  }

  AwsNetwork network() {
    return network;
  }

  /**
   * The client for calls of a profile in {@code region}.
   *
   * @param profileCaBundle the profile's {@code ca_bundle}, or null
   * @throws NetworkSetupException when the CA bundle or a proxy variable cannot be used
   */
  StsClient get(String region, String profileCaBundle) {
    return clients.computeIfAbsent(
        new ClientKey(region, network.caBundle(profileCaBundle)), this::newClient);
  }

  private StsClient newClient(ClientKey key) {
    var builder =
        StsClient.builder()
            .region(Region.of(key.region()))
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(http.apply(key.caBundle()))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(callTimeout)
                        .scheduledExecutorService(timeouts));
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    return builder.build();
  }

  @Override
  public void close() {
    clients.values().forEach(StsClient::close);
    clients.clear();
    timeouts.shutdownNow();
  }

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
}

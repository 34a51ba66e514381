package dev.rolekeeper.sts;

import dev.rolekeeper.credentials.AwsCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;

/**
 * {@link StsGateway} over the AWS SDK for Java v2 {@link StsClient}, one client per region and CA
 * bundle, with the HTTP client of {@link AwsNetwork} (proxies, trust). The SDK's own retries are
 * off: the session layer owns retry timing, so every STS call is counted and backed off in one
 * place. Every client times its calls out on one shared thread, started on the first call.
 */
public final class SdkStsGateway implements StsGateway {

  private static final Logger LOG = LoggerFactory.getLogger(SdkStsGateway.class);

  private final URI endpointOverride;
  private final Duration callTimeout;
  private final AwsNetwork network;
  private final Function<Path, SdkHttpClient> http;
  private final Map<ClientKey, StsClient> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timeouts = timeoutThread();

  /**
   * @param endpointOverride the STS endpoint to use instead of AWS's, or null for the regional AWS
   *     endpoint
   * @param callTimeout the longest one call may take, connection included
   * @param network the proxies and trust every call goes with
   */
  public SdkStsGateway(URI endpointOverride, Duration callTimeout, AwsNetwork network) {
    this(
        endpointOverride,
        callTimeout,
        network,
        caBundle -> network.httpClient(caBundle, callTimeout));
  }

  /**
   * With the HTTP client each STS client sends with, by CA bundle ({@link StsRehearsal}: a canned
   * answer).
   */
  SdkStsGateway(
      URI endpointOverride,
      Duration callTimeout,
      AwsNetwork network,
      Function<Path, SdkHttpClient> http) {
    this.endpointOverride = endpointOverride;
    this.callTimeout = callTimeout;
    this.network = network;
    this.http = http;
  }

  /** An STS client is made for each region and each CA bundle that calls go with. */
  private record ClientKey(String region, Path caBundle) {}

  @Override
  public StsOutcome assumeRole(AssumeRoleCall call) {
    AssumeRoleRequest.Builder request =
        AssumeRoleRequest.builder()
            .roleArn(call.roleArn())
            .roleSessionName(call.sessionName())
            .durationSeconds(call.durationSeconds())
            .overrideConfiguration(signedBy(call.source()));
    if (call.externalId() != null) {
      request.externalId(call.externalId());
    }
    if (call.tokenCode() != null) {
      request.serialNumber(call.mfaSerial()).tokenCode(call.tokenCode());
    }
    return invoke(
        "AssumeRole",
        call.tokenCode() != null,
        () -> {
          AssumeRoleResponse response =
              client(call.region(), call.caBundle()).assumeRole(request.build());
          return new StsOutcome.Issued(
              toCredentials(response.credentials(), accountOf(response.assumedRoleUser().arn())),
              response.assumedRoleUser().arn());
        });
  }

  @Override
  public StsOutcome getSessionToken(SessionTokenCall call) {
    GetSessionTokenRequest request =
        GetSessionTokenRequest.builder()
            .durationSeconds(call.durationSeconds())
            .serialNumber(call.mfaSerial())
            .tokenCode(call.tokenCode())
            .overrideConfiguration(signedBy(call.source()))
            .build();
    return invoke(
        "GetSessionToken",
        true,
        () -> {
          Credentials credentials =
              client(call.region(), call.caBundle()).getSessionToken(request).credentials();
          return new StsOutcome.Issued(
              toCredentials(credentials, accountOf(call.mfaSerial())), null);
        });
  }

  /**
   * Builds the clients for {@code regions} now (blocking): the SDK's first client takes a good part
   * of a second to load, which the daemon would rather spend before it opens its port than while
   * clients wait for a first session.
   */
  public void prepare(Collection<String> regions) {
    regions.stream()
        .filter(Objects::nonNull)
        .distinct()
        .forEach(
            region -> {
              try {
                client(region, null);
              } catch (RuntimeException e) {
                // The first call reports it, for the profile that makes it.
                LOG.debug("preparing the STS client for {} failed: {}", region, e.getMessage());
              }
            });
  }

  /**
   * Which proxy and CA bundle calls for {@code region} go with, for {@code status} and {@code
   * doctor}; free of secrets (a proxy password shows as {@code ***}).
   *
   * @param caBundle a profile's {@code ca_bundle}, or null
   */
  public String describeNetwork(String region, String caBundle) {
    return "proxy "
        + network.describeProxy(AwsNetwork.stsEndpoint(endpointOverride, region))
        + ", CA bundle "
        + network.describeCaBundle(caBundle);
  }

  /**
   * Sets up the TLS machinery of the SDK's HTTP client (blocking), so that the first client for an
   * HTTPS endpoint is built without that wait. Does nothing for a plain-HTTP endpoint override.
   */
  public void prepareTls() {
    if (endpointOverride == null || !"http".equalsIgnoreCase(endpointOverride.getScheme())) {
      network.prepareTls();
    }
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

  private StsOutcome invoke(String action, boolean withCode, Supplier<StsOutcome> call) {
    try {
      return call.get();
    } catch (CaBundleException e) {
      return new StsOutcome.Failed(StsOutcome.FailureKind.FATAL, "CaBundle", e.getMessage());
    } catch (IllegalArgumentException e) {
      // A proxy variable that is not a proxy URL (AwsNetwork.httpClient); the message names it.
      return new StsOutcome.Failed(StsOutcome.FailureKind.FATAL, "Proxy", e.getMessage());
    } catch (SdkException e) {
      StsOutcome.Failed failed = StsErrors.classify(e, withCode);
      LOG.debug("{} failed: {}", action, failed);
      return failed;
    }
  }

  private StsClient client(String region, String profileCaBundle) {
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

  private static AwsRequestOverrideConfiguration signedBy(AwsCredentials source) {
    return AwsRequestOverrideConfiguration.builder()
        .credentialsProvider(providerOf(source))
        .build();
  }

  private static AwsCredentialsProvider providerOf(AwsCredentials source) {
    if (source.sessionToken() == null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(source.accessKeyId(), source.secretAccessKey()));
    }
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(
            source.accessKeyId(), source.secretAccessKey(), source.sessionToken()));
  }

  private static AwsCredentials toCredentials(Credentials c, String accountId) {
    return new AwsCredentials(
        c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration(), accountId);
  }

  /**
   * The account id field of an ARN ({@code arn:aws:sts::123456789012:assumed-role/...}), or null.
   */
  static String accountOf(String arn) {
    if (arn == null) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : null;
  }
}

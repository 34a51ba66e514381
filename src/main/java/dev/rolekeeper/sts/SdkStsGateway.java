package dev.rolekeeper.sts;

import dev.rolekeeper.credentials.AwsCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
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
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;

/**
 * {@link StsGateway} over the AWS SDK for Java v2 {@link StsClient}, one client per endpoint and
 * signing region ({@link StsTarget}, chosen per profile by {@link StsEndpoints}), with the
 * URL-connection HTTP client ({@link StsHttp}). The clients read nothing of the AWS files or the
 * environment themselves: left alone, the SDK would apply {@code [default]}'s (or {@code
 * AWS_PROFILE}'s) endpoint settings to every profile's calls. The SDK's own retries are off: the
 * session layer owns retry timing, so every STS call is counted and backed off in one place. Every
 * client times its calls out on one shared thread, started on the first call.
 */
public final class SdkStsGateway implements StsGateway {

  private static final Logger LOG = LoggerFactory.getLogger(SdkStsGateway.class);

  private final URI endpointOverride;
  private final Duration callTimeout;
  private final Function<URI, SdkHttpClient> http;
  private final Map<ClientKey, StsClient> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timeouts = StsClientParts.timeoutThread();

  /**
   * @param endpointOverride the STS endpoint every call goes to whatever its {@link StsTarget} says
   *     (rolekeeper's {@code sts.endpoint}), or null for each call's own
   * @param callTimeout the longest one call may take, connection included
   */
  public SdkStsGateway(URI endpointOverride, Duration callTimeout) {
    this(endpointOverride, callTimeout, endpoint -> StsHttp.forEndpoint(endpoint, callTimeout));
  }

  /**
   * With the HTTP client each STS client sends with, by endpoint ({@link StsRehearsal}: a canned
   * answer).
   */
  SdkStsGateway(URI endpointOverride, Duration callTimeout, Function<URI, SdkHttpClient> http) {
    this.endpointOverride = endpointOverride;
    this.callTimeout = callTimeout;
    this.http = http;
  }

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
          AssumeRoleResponse response = client(call.sts()).assumeRole(request.build());
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
          Credentials credentials = client(call.sts()).getSessionToken(request).credentials();
          return new StsOutcome.Issued(
              toCredentials(credentials, accountOf(call.mfaSerial())), null);
        });
  }

  @Override
  public StsOutcome assumeRoleWithWebIdentity(WebIdentityCall call) {
    AssumeRoleWithWebIdentityRequest request =
        AssumeRoleWithWebIdentityRequest.builder()
            .roleArn(call.roleArn())
            .roleSessionName(call.sessionName())
            .durationSeconds(call.durationSeconds())
            .webIdentityToken(call.webIdentityToken())
            .build();
    return invoke(
        "AssumeRoleWithWebIdentity",
        false,
        () -> {
          AssumeRoleWithWebIdentityResponse response =
              client(call.sts()).assumeRoleWithWebIdentity(request);
          return new StsOutcome.Issued(
              toCredentials(response.credentials(), accountOf(response.assumedRoleUser().arn())),
              response.assumedRoleUser().arn());
        });
  }

  /**
   * Builds the clients for {@code targets} now (blocking): the SDK's first client takes a good part
   * of a second to load, which the daemon would rather spend before it opens its port than while
   * clients wait for a first session.
   */
  public void prepare(Collection<StsTarget> targets) {
    targets.stream().filter(Objects::nonNull).distinct().forEach(this::client);
  }

  /**
   * Sets up the TLS machinery of the SDK's HTTP client (blocking), so that the first client for an
   * HTTPS endpoint is built without that wait. Does nothing for a plain-HTTP endpoint override.
   */
  public void prepareTls() {
    if (!StsHttp.isPlainHttp(endpointOverride)) {
      StsHttp.forEndpoint(null, callTimeout).close();
    }
  }

  @Override
  public void close() {
    clients.values().forEach(StsClient::close);
    clients.clear();
    timeouts.shutdownNow();
  }

  private StsOutcome invoke(String action, boolean withCode, Supplier<StsOutcome> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      StsOutcome.Failed failed = StsErrors.classify(e, withCode);
      LOG.debug("{} failed: {}", action, failed);
      return failed;
    }
  }

  /** What a client is cached by: the calls of one endpoint signed for one region share it. */
  private record ClientKey(URI endpoint, String region) {}

  private StsClient client(StsTarget target) {
    URI endpoint = endpointOverride != null ? endpointOverride : target.endpoint();
    return clients.computeIfAbsent(new ClientKey(endpoint, target.region()), this::newClient);
  }

  private StsClient newClient(ClientKey key) {
    return StsClient.builder()
        .region(Region.of(key.region()))
        .endpointOverride(key.endpoint())
        // Explicit, so the builder does not take them from the environment or [default].
        .fipsEnabled(false)
        .dualstackEnabled(false)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClient(http.apply(key.endpoint()))
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallTimeout(callTimeout)
                    .scheduledExecutorService(timeouts)
                    .defaultProfileFileSupplier(() -> StsClientParts.NO_PROFILES)
                    .defaultProfileName("default")
                    .addExecutionInterceptor(StsClientParts.keepPath(key.endpoint())))
        .build();
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

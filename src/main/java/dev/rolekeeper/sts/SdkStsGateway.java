package dev.rolekeeper.sts;

import dev.rolekeeper.credentials.AwsCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;

/**
 * {@link StsGateway} over the AWS SDK for Java v2 {@code StsClient}s ({@link StsClients}: one per
 * region and CA bundle, with the HTTP client of {@link AwsNetwork}: proxies, trust). The SDK's own
 * retries are off: the session layer owns retry timing, so every STS call is counted and backed off
 * in one place. Every client times its calls out on one shared thread, started on the first call.
 */
public final class SdkStsGateway implements StsGateway {

  private static final Logger LOG = LoggerFactory.getLogger(SdkStsGateway.class);

  private final StsClients clients;

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
    this.clients = new StsClients(endpointOverride, callTimeout, network, http);
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
          AssumeRoleResponse response =
              clients.get(call.region(), call.caBundle()).assumeRole(request.build());
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
              clients.get(call.region(), call.caBundle()).getSessionToken(request).credentials();
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
              clients.get(call.region(), call.caBundle()).assumeRoleWithWebIdentity(request);
          return new StsOutcome.Issued(
              toCredentials(response.credentials(), accountOf(response.assumedRoleUser().arn())),
              response.assumedRoleUser().arn());
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
                clients.get(region, null);
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
  @Override
  public String describeNetwork(String region, String caBundle) {
    return "proxy "
        + clients
            .network()
            .describeProxy(AwsNetwork.stsEndpoint(clients.endpointOverride(), region))
        + ", CA bundle "
        + clients.network().describeCaBundle(caBundle);
  }

  /**
   * Sets up the TLS machinery of the SDK's HTTP client (blocking), so that the first client for an
   * HTTPS endpoint is built without that wait. Does nothing for a plain-HTTP endpoint override.
   */
  public void prepareTls() {
    URI endpoint = clients.endpointOverride();
    if (endpoint == null || !"http".equalsIgnoreCase(endpoint.getScheme())) {
      clients.network().prepareTls();
    }
  }

  @Override
  public void close() {
    clients.close();
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

package dev.rolekeeper.sts;

import dev.rolekeeper.credentials.AwsCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
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
 * endpoint, signing region and CA bundle, the first two chosen per profile by {@link StsEndpoints}
 * as an {@link StsTarget}), each with the HTTP client of {@link AwsNetwork}: the proxy for the
 * endpoint, trust. The clients read nothing of the AWS files or the environment themselves. The
 * SDK's own retries are off: the session layer owns retry timing, so every STS call is counted and
 * backed off in one place. Every client times its calls out on one shared thread, started on the
 * first call.
 */
public final class SdkStsGateway implements StsGateway {

  private static final Logger LOG = LoggerFactory.getLogger(SdkStsGateway.class);

  private final StsClients clients;

  /**
   * @param endpointOverride the STS endpoint every call goes to whatever its {@link StsTarget} says
   *     (rolekeeper's {@code sts.endpoint}), or null for each call's own
   * @param callTimeout the longest one call may take, connection included
   * @param network the proxies and trust every call goes with
   */
  public SdkStsGateway(URI endpointOverride, Duration callTimeout, AwsNetwork network) {
    this(
        endpointOverride,
        callTimeout,
        network,
        (endpoint, caBundle) -> network.httpClient(caBundle, callTimeout));
  }

  /**
   * With the HTTP client each STS client sends with, by endpoint and CA bundle ({@link
   * StsRehearsal}: a canned answer).
   */
  SdkStsGateway(
      URI endpointOverride,
      Duration callTimeout,
      AwsNetwork network,
      BiFunction<URI, Path, SdkHttpClient> http) {
    this.clients = new StsClients(endpointOverride, callTimeout, network, http);
  }

  @Override
  public StsOutcome assumeRole(AssumeRoleCall call) {
    AssumeRoleRequest.Builder request =
        AssumeRoleRequest.builder()
            .roleArn(call.role().arn())
            .roleSessionName(call.role().sessionName())
            .durationSeconds(call.role().durationSeconds())
            .overrideConfiguration(signedBy(call.source()));
    if (call.role().externalId() != null) {
      request.externalId(call.role().externalId());
    }
    if (call.tokenCode() != null) {
      request.serialNumber(call.mfaSerial()).tokenCode(call.tokenCode());
    }
    return invoke(
        "AssumeRole",
        call.tokenCode() != null,
        () -> {
          AssumeRoleResponse response =
              clients.get(call.sts(), call.caBundle()).assumeRole(request.build());
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
              clients.get(call.sts(), call.caBundle()).getSessionToken(request).credentials();
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
              clients.get(call.sts(), call.caBundle()).assumeRoleWithWebIdentity(request);
          return new StsOutcome.Issued(
              toCredentials(response.credentials(), accountOf(response.assumedRoleUser().arn())),
              response.assumedRoleUser().arn());
        });
  }

  /**
   * Builds the client for calls to {@code target} of a profile with {@code caBundle} now
   * (blocking): the SDK's first client takes a good part of a second to load, which the daemon
   * would rather spend before it opens its port than while clients wait for a first session.
   *
   * @param caBundle the profile's {@code ca_bundle}, or null
   */
  public void prepare(StsTarget target, String caBundle) {
    try {
      clients.get(target, caBundle);
    } catch (RuntimeException e) {
      // The first call reports it, for the profile that makes it.
      LOG.debug("preparing the STS client for {} failed: {}", target.endpoint(), e.getMessage());
    }
  }

  /**
   * Which proxy and CA bundle calls to {@code target} go with, for {@code status} and the daemon's
   * log; free of secrets (a proxy password shows as {@code ***}).
   *
   * @param caBundle a profile's {@code ca_bundle}, or null
   */
  @Override
  public String describeNetwork(StsTarget target, String caBundle) {
    return "proxy "
        + clients.network().describeProxy(clients.endpointOf(target))
        + ", CA bundle "
        + clients.network().describeCaBundle(caBundle);
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

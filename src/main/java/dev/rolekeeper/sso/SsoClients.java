package dev.rolekeeper.sso;

import dev.rolekeeper.sso.SsoCallException.Kind;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.NetworkSetupException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * The AWS SDK's SSO portal and SSO OIDC clients, one per Identity Center region, on the HTTP client
 * of {@link AwsNetwork} (the proxy variables, and {@code AWS_CA_BUNDLE} or the calling profile's
 * {@code ca_bundle}, as for the STS calls), pointed at {@code AWS_ENDPOINT_URL_SSO} / {@code
 * AWS_ENDPOINT_URL_SSO_OIDC} when set (as the SDKs honour them). Also turns SDK failures into
 * {@link SsoCallException}s.
 */
public final class SsoClients implements AutoCloseable {

  private final URI portalEndpoint;
  private final URI oidcEndpoint;
  private final Duration timeout;
  private final AwsNetwork network;
  // Made on first use (most daemons never call IAM Identity Center), one per CA bundle trusted.
  private final Map<Optional<Path>, SdkHttpClient> http = new ConcurrentHashMap<>();
  private final Map<ClientKey, SsoClient> portals = new ConcurrentHashMap<>();
  private final Map<ClientKey, SsoOidcClient> oidcs = new ConcurrentHashMap<>();

  /** A client per Identity Center region and CA bundle ({@code AWS_CA_BUNDLE} or the profile's). */
  private record ClientKey(String region, Optional<Path> caBundle) {}

  /**
   * @param portalEndpoint the portal endpoint override, or null; @param oidcEndpoint the OIDC
   *     override, or null
   */
  public SsoClients(URI portalEndpoint, URI oidcEndpoint, Duration timeout, AwsNetwork network) {
    this.portalEndpoint = portalEndpoint;
    this.oidcEndpoint = oidcEndpoint;
    this.timeout = timeout;
    this.network = network;
  }

  /** Without a proxy, trusting the JDK's CAs alone. */
  public SsoClients(URI portalEndpoint, URI oidcEndpoint, Duration timeout) {
    this(portalEndpoint, oidcEndpoint, timeout, AwsNetwork.direct());
  }

  /**
   * The HTTP client of both kinds of client for a CA bundle. A CA bundle or proxy variable that
   * cannot be used fails the calls that need it ({@link #classify}: FATAL, naming it).
   */
  private SdkHttpClient http(Optional<Path> caBundle) {
    return http.computeIfAbsent(
        caBundle, bundle -> network.httpClient(bundle.orElse(null), timeout, timeout));
  }

  private ClientKey key(String region, String profileCaBundle) {
    return new ClientKey(region, Optional.ofNullable(network.caBundle(profileCaBundle)));
  }

  /**
   * From the environment: {@code AWS_ENDPOINT_URL_SSO}, {@code AWS_ENDPOINT_URL_SSO_OIDC}, else
   * AWS's endpoints.
   */
  public static SsoClients fromEnvironment(Map<String, String> env, Duration timeout) {
    return new SsoClients(
        uri(env, "AWS_ENDPOINT_URL_SSO"),
        uri(env, "AWS_ENDPOINT_URL_SSO_OIDC"),
        timeout,
        AwsNetwork.from(env));
  }

  private static URI uri(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      value = env.get("AWS_ENDPOINT_URL");
    }
    return value == null || value.isBlank() ? null : URI.create(value.strip());
  }

  /**
   * @param caBundle the calling profile's {@code ca_bundle}, or null
   */
  SsoClient portal(String region, String caBundle) {
    return portals.computeIfAbsent(
        key(region, caBundle),
        k -> {
          var builder =
              SsoClient.builder()
                  .region(Region.of(k.region()))
                  .httpClient(http(k.caBundle()))
                  .credentialsProvider(AnonymousCredentialsProvider.create());
          if (portalEndpoint != null) {
            builder.endpointOverride(portalEndpoint);
          }
          return builder.build();
        });
  }

  /**
   * @param caBundle the calling profile's {@code ca_bundle}, or null
   */
  SsoOidcClient oidc(String region, String caBundle) {
    return oidcs.computeIfAbsent(
        key(region, caBundle),
        k -> {
          var builder =
              SsoOidcClient.builder()
                  .region(Region.of(k.region()))
                  .httpClient(http(k.caBundle()))
                  .credentialsProvider(AnonymousCredentialsProvider.create());
          if (oidcEndpoint != null) {
            builder.endpointOverride(oidcEndpoint);
          }
          return builder.build();
        });
  }

  /**
   * Classifies an SDK failure of {@code what}; {@code signInCodes} are the service codes that need
   * a sign-in.
   */
  static SsoCallException classify(String what, SdkException e, java.util.Set<String> signInCodes) {
    if (e instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? "Unknown" : service.awsErrorDetails().errorCode();
      String message = what + " failed: " + code + " (HTTP " + service.statusCode() + ")";
      if (signInCodes.contains(code)) {
        return new SsoCallException(Kind.SIGN_IN_NEEDED, code, message);
      }
      boolean retry =
          service.statusCode() >= 500
              || service.statusCode() == 429
              || service.isThrottlingException();
      return new SsoCallException(retry ? Kind.RETRYABLE : Kind.FATAL, code, message);
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof NetworkSetupException setup) {
        // A bad CA bundle or proxy variable: retrying will not help until the user fixes it.
        return new SsoCallException(
            Kind.FATAL, setup.code(), what + " failed: " + setup.getMessage());
      }
    }
    Throwable root = e.getCause() != null ? e.getCause() : e;
    String detail =
        root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    String cause = root.getClass().getSimpleName() + detail;
    return new SsoCallException(
        Kind.RETRYABLE,
        "Unreachable",
        what + " failed: the service could not be reached (" + cause + ")");
  }

  @Override
  public void close() {
    portals.values().forEach(SsoClient::close);
    oidcs.values().forEach(SsoOidcClient::close);
    http.values().forEach(SdkHttpClient::close);
    http.clear();
  }
}

package dev.rolekeeper.signin;

import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.sts.AwsNetwork;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.signin.SigninClient;

/**
 * The AWS SDK's Sign-In clients, one per region, endpoint and CA bundle, on the HTTP client of
 * {@link AwsNetwork} (the proxy variables, and {@code AWS_CA_BUNDLE} or the profile's {@code
 * ca_bundle}, as for the STS and SSO calls). Unsigned ({@link AnonymousCredentialsProvider}): the
 * token call is authenticated by its DPoP proof, which the SDK's login provider adds per request.
 * Made on first use; thread-safe.
 */
final class SigninClients implements AutoCloseable {

  /** A console session's region when its profile names none, as the CLI falls back. */
  static final String DEFAULT_REGION = "us-east-1";

  private final Duration timeout;
  private final AwsNetwork network;
  private final Map<Optional<Path>, SdkHttpClient> http = new ConcurrentHashMap<>();
  private final Map<ClientKey, SigninClient> clients = new ConcurrentHashMap<>();

  /** What tells two clients apart: where calls go and what they trust. */
  private record ClientKey(String region, String endpointUrl, Optional<Path> caBundle) {}

  SigninClients(Duration timeout, AwsNetwork network) {
    this.timeout = timeout;
    this.network = network;
  }

  /** The client of the session {@code settings} names. */
  SigninClient client(LoginSettings settings) {
    String region = settings.region() == null ? DEFAULT_REGION : settings.region();
    ClientKey key =
        new ClientKey(
            region,
            settings.endpointUrl(),
            Optional.ofNullable(network.caBundle(settings.caBundle())));
    return clients.computeIfAbsent(
        key,
        k -> {
          var builder =
              SigninClient.builder()
                  .region(Region.of(k.region()))
                  .httpClient(http(k.caBundle()))
                  .credentialsProvider(AnonymousCredentialsProvider.create())
                  // As for STS: the session layer owns retry timing, so each call is counted
                  // and a refresh token is never sent twice behind the refresher's back.
                  .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
          if (k.endpointUrl() != null) {
            builder.endpointOverride(URI.create(k.endpointUrl().strip()));
          }
          return builder.build();
        });
  }

  private SdkHttpClient http(Optional<Path> caBundle) {
    return http.computeIfAbsent(
        caBundle, bundle -> network.httpClient(bundle.orElse(null), timeout, timeout));
  }

  @Override
  public void close() {
    clients.values().forEach(SigninClient::close);
    clients.clear();
    http.values().forEach(SdkHttpClient::close);
    http.clear();
  }
}

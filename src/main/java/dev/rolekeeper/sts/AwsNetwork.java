package dev.rolekeeper.sts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The one place the daemon's AWS clients (STS, SSO portal, SSO OIDC) get their HTTP client: the
 * proxy each call goes through ({@link ProxyEnvironment}: the AWS CLI's reading of {@code
 * HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}), the proxy's Basic credentials, and the trust
 * anchors ({@code AWS_CA_BUNDLE} or the calling profile's {@code ca_bundle} on top of the JDK's).
 * Every connection, plain HTTP or TLS, is opened here by the same code, so no endpoint skips the
 * proxy or the trust that another would get.
 *
 * <p>Everything is read from the environment map handed in, never from the process's own, and the
 * JVM's proxy properties and {@code ProxySelector} are not consulted (a direct call is opened with
 * {@link Proxy#NO_PROXY}).
 */
public final class AwsNetwork {

  /** The longest an STS connection (to the endpoint or the proxy) may take to open. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

  private final ProxyEnvironment proxies;
  private final Path environmentBundle;
  private final Path requestsBundle;
  private final Map<Path, SSLSocketFactory> trust = new ConcurrentHashMap<>();
  // One per proxy and trust: the JDK reuses a kept-alive TLS connection only for the same factory.
  private final Map<TunnelKey, ProxyTunnel> tunnels = new ConcurrentHashMap<>();

  private record TunnelKey(ProxyServer proxy, Path caBundle) {}

  private AwsNetwork(ProxyEnvironment proxies, Path environmentBundle, Path requestsBundle) {
    this.proxies = proxies;
    this.environmentBundle = environmentBundle;
    this.requestsBundle = requestsBundle;
  }

  /**
   * From the daemon's environment. Never fails: a proxy variable or CA bundle that cannot be used
   * fails the calls that need it, with a message naming it, as in botocore.
   */
  public static AwsNetwork from(Map<String, String> env) {
    return new AwsNetwork(
        ProxyEnvironment.from(env), path(env, "AWS_CA_BUNDLE"), path(env, "REQUESTS_CA_BUNDLE"));
  }

  private static Path path(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : Path.of(value.strip());
  }

  /** No proxy and the JDK's trust alone (the rehearsal, tests). */
  public static AwsNetwork direct() {
    return new AwsNetwork(ProxyEnvironment.from(Map.of()), null, null);
  }

  /**
   * The CA bundle a call made for a profile trusts besides the JDK's anchors, in botocore's order:
   * {@code AWS_CA_BUNDLE}, else the profile's {@code ca_bundle} (botocore's {@code ca_bundle}
   * setting reads the variable before the profile), else {@code REQUESTS_CA_BUNDLE} (which botocore
   * honours when neither is set), else none.
   *
   * @param profileBundle the profile's {@code ca_bundle}, or null
   */
  public Path caBundle(String profileBundle) {
    if (environmentBundle != null) {
      return environmentBundle;
    }
    if (profileBundle != null && !profileBundle.isBlank()) {
      return Path.of(profileBundle.strip());
    }
    return requestsBundle;
  }

  /**
   * Where {@link #caBundle} came from, for status: the variable or the profile key, and the file.
   */
  public String describeCaBundle(String profileBundle) {
    Path bundle = caBundle(profileBundle);
    if (bundle == null) {
      return "none (the JDK's CAs)";
    }
    String from =
        environmentBundle != null
            ? "AWS_CA_BUNDLE"
            : bundle.equals(requestsBundle) && (profileBundle == null || profileBundle.isBlank())
                ? "REQUESTS_CA_BUNDLE"
                : "ca_bundle";
    return bundle + " (" + from + ")";
  }

  /** Which proxy a call to {@code endpoint} goes through, redacted, or why it goes direct. */
  public String describeProxy(URI endpoint) {
    return proxies.describe(endpoint);
  }

  /**
   * An HTTP client for the AWS SDK that opens every connection through {@link #connect}.
   *
   * @param caBundle trusted besides the JDK's anchors ({@link #caBundle}), or null
   * @param readTimeout the longest a response may take once connected
   */
  public SdkHttpClient httpClient(Path caBundle, Duration readTimeout) {
    return httpClient(caBundle, CONNECT_TIMEOUT, readTimeout);
  }

  /**
   * As {@link #httpClient(Path, Duration)}, with a connect timeout of its own.
   *
   * @param connectTimeout the longest a connection (to the endpoint or the proxy) may take to open
   */
  public SdkHttpClient httpClient(Path caBundle, Duration connectTimeout, Duration readTimeout) {
    // The bundle is read, and the proxy chosen, when a connection needs them: an https call with
    // a bad bundle fails (NetworkSetupException, naming the file), a plain-HTTP one does not read
    // it, as in botocore.
    return UrlConnectionHttpClient.create(
        uri -> connect(uri, caBundle, connectTimeout, readTimeout));
  }

  /**
   * Reads {@code caBundle} as a call would (blocking).
   *
   * @throws NetworkSetupException naming the file and what is wrong with it
   */
  public void verifyCaBundle(Path caBundle) {
    tls(caBundle);
  }

  /**
   * Sets up the JDK's TLS machinery (blocking; a good part of a second in a fresh JVM), so that the
   * first HTTPS call does not wait for it.
   */
  public void prepareTls() {
    tls(null);
  }

  private SSLSocketFactory tls(Path caBundle) {
    if (caBundle == null) {
      return CaBundle.defaultTrust();
    }
    return trust.computeIfAbsent(caBundle, CaBundle::withBundle);
  }

  private HttpURLConnection connect(
      URI uri, Path caBundle, Duration connectTimeout, Duration readTimeout) {
    Optional<ProxyServer> proxy = proxies.proxyFor(uri);
    try {
      boolean tls = "https".equalsIgnoreCase(uri.getScheme());
      String authorization = proxy.map(ProxyServer::authorization).orElse(null);
      // TLS through a proxy that wants credentials: opened "direct" on a socket that sends the
      // CONNECT itself (ProxyTunnel). Any other proxied call goes the JDK's own way.
      boolean ownTunnel = tls && authorization != null;
      Proxy route =
          proxy.isEmpty() || ownTunnel
              ? Proxy.NO_PROXY
              : new Proxy(
                  Proxy.Type.HTTP,
                  InetSocketAddress.createUnresolved(proxy.get().host(), proxy.get().port()));
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(route);
      connection.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
      connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
      if (connection instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(
            ownTunnel
                ? tunnels.computeIfAbsent(
                    new TunnelKey(proxy.get(), caBundle),
                    key -> new ProxyTunnel(tls(caBundle), key.proxy()))
                : tls(caBundle));
      } else if (authorization != null) {
        connection.setRequestProperty(PROXY_AUTHORIZATION, authorization);
      }
      return connection;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NetworkSetupException e) {
      // As an SDK client failure, which every caller of an SDK client sorts; the cause says what.
      throw SdkClientException.builder().message(e.getMessage()).cause(e).build();
    }
  }
}

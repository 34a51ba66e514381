package dev.rolekeeper.sts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP client an STS client sends with: the SDK's URL-connection client, which sets up TLS when
 * it is built (a good part of a second in a fresh JVM, spent before the first call can go out). An
 * endpoint reached over plain HTTP (the sandbox simulator, a local STS) gets the same client
 * without that set-up.
 */
final class StsHttp {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private StsHttp() {}

  /**
   * @param endpoint the endpoint override, or null for AWS's (HTTPS) endpoints
   * @param callTimeout the longest a response may take
   */
  static SdkHttpClient forEndpoint(URI endpoint, Duration callTimeout) {
    if (isPlainHttp(endpoint)) {
      return UrlConnectionHttpClient.create(uri -> plainConnection(uri, callTimeout));
    }
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(callTimeout)
        .build();
  }

  /** Whether calls to {@code endpoint} go without TLS. */
  static boolean isPlainHttp(URI endpoint) {
    return endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme());
  }

  private static HttpURLConnection plainConnection(URI uri, Duration callTimeout) {
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, callTimeout.toMillis()));
      return connection;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

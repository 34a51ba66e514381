package dev.rolekeeper.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client connection may sit on the endpoint without doing its part, so slow or stalled
 * clients cannot hold connections (and their memory) open for ever ({@link RequestDeadlines}).
 *
 * @param requestHeaders a connection must deliver a complete request head within this long of
 *     connecting, and of its previous answer (keep-alive); a client trickling bytes without ever
 *     finishing, or sending nothing, is closed
 * @param requestBody a request's whole body must arrive within this long of its head; a client
 *     trickling or withholding the body is closed. While the daemon works on an answer, however
 *     long, the client owes nothing.
 */
public record ConnectionTimeouts(Duration requestHeaders, Duration requestBody) {

  /**
   * Well above what a local client needs (it sends its request at once, and the largest body the
   * endpoint takes is a few kilobytes), well below what an attack would want.
   */
  public static final ConnectionTimeouts DEFAULT =
      new ConnectionTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

  public ConnectionTimeouts {
    Objects.requireNonNull(requestHeaders, "requestHeaders");
    Objects.requireNonNull(requestBody, "requestBody");
    if (requestHeaders.toMillis() < 1 || requestBody.toMillis() < 1) {
      throw new IllegalArgumentException("connection timeouts must be positive");
    }
  }
}

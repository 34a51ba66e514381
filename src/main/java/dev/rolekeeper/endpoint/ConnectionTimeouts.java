package dev.rolekeeper.endpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client connection may sit on the endpoint without doing its part, so slow or stalled
 * clients cannot hold connections (and their memory) open for ever.
 *
 * @param idle a connection from which nothing is read for this long is closed, whatever is written
 *     meanwhile (stricter than "nothing read or written", and answers are small single writes)
 * @param requestHeaders a connection must deliver a complete request head within this long of
 *     connecting, and of its previous answer (keep-alive); a client trickling bytes without ever
 *     finishing is closed
 */
public record ConnectionTimeouts(Duration idle, Duration requestHeaders) {

  /**
   * Well above what a local SDK needs (it sends its request at once), well below what an attack
   * would want.
   */
  public static final ConnectionTimeouts DEFAULT =
      new ConnectionTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5));

  public ConnectionTimeouts {
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(requestHeaders, "requestHeaders");
    if (idle.toMillis() < 1 || requestHeaders.toMillis() < 1) {
      throw new IllegalArgumentException("connection timeouts must be positive");
    }
  }
}

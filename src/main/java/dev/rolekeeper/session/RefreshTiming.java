package dev.rolekeeper.session;

import java.time.Duration;
import java.time.Instant;

/**
 * When to refresh credentials, as data: at {@code expiry - margin}, or at half-life when the session is shorter than
 * twice the margin, so short sessions still refresh well before they end.
 */
final class RefreshTiming {

  private RefreshTiming() {}

  static Instant refreshAt(Instant obtainedAt, Instant expiration, Duration margin) {
    Duration lifetime = Duration.between(obtainedAt, expiration);
    Duration half = lifetime.dividedBy(2);
    Duration before = margin.compareTo(half) < 0 ? margin : half;
    return expiration.minus(before);
  }
}

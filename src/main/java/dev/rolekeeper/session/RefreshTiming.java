package dev.rolekeeper.session;

import java.time.Duration;
import java.time.Instant;

/**
 * When to refresh credentials, as data: at {@code expiry - margin}, or at half-life when the
 * session is shorter than twice the margin, so short sessions still refresh well before they end;
 * and never later than {@code expiry - minRemaining} when the session is longer than that (though
 * never in its first quarter), so what is served keeps at least {@code minRemaining} of life
 * whenever STS allows.
 */
final class RefreshTiming {

  private RefreshTiming() {}

  static Instant refreshAt(
      Instant obtainedAt, Instant expiration, Duration margin, Duration minRemaining) {
    Duration lifetime = Duration.between(obtainedAt, expiration);
    Duration half = lifetime.dividedBy(2);
    Duration before = margin.compareTo(half) < 0 ? margin : half;
    if (lifetime.compareTo(minRemaining) > 0 && before.compareTo(minRemaining) < 0) {
      Duration quarter = lifetime.dividedBy(4);
      before =
          lifetime.minus(minRemaining).compareTo(quarter) < 0
              ? lifetime.minus(quarter)
              : minRemaining;
    }
    return expiration.minus(before);
  }
}

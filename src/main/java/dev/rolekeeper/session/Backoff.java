package dev.rolekeeper.session;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits a random time in [d/2, d], d = min(max, initial
 * * 2^n).
 */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  Duration delay(int attempt) {
    long ceiling = initial.toMillis() << Math.min(attempt, 20);
    long capped = Math.max(1, Math.min(max.toMillis(), ceiling));
    return Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1));
  }
}

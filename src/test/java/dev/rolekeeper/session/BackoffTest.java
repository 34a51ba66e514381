package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), new Random(42));

  @Test
  void delay_growingAttempts_doublesWithinJitterBounds() {
    for (int attempt = 0; attempt < 6; attempt++) {
      long ceiling = 2000L << attempt;
      assertThat(backoff.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void delay_manyAttempts_neverExceedsMax() {
    for (int attempt = 8; attempt < 200; attempt++) {
      assertThat(backoff.delay(attempt)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }
  }

  @Test
  void delay_sameAttempt_isJittered() {
    long distinct =
        java.util.stream.IntStream.range(0, 20).mapToObj(i -> backoff.delay(3)).distinct().count();
    assertThat(distinct).isGreaterThan(10);
  }
}

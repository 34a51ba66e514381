package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link RefreshPolicy#refreshAt}: when a session is refreshed. */
class RefreshTimingTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration MIN_REMAINING = Duration.ofMinutes(15);

  @Test
  void refreshAt_hourSessionWithHalfHourMargin_refreshesThirtyMinutesBeforeExpiry() {
    Instant at =
        policy(Duration.ofMinutes(30), MIN_REMAINING).refreshAt(T0, T0.plus(Duration.ofHours(1)));
    assertThat(at).isEqualTo(T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void refreshAt_twelveHourSession_refreshesMarginBeforeExpiry() {
    Instant at =
        policy(Duration.ofMinutes(30), MIN_REMAINING).refreshAt(T0, T0.plus(Duration.ofHours(12)));
    assertThat(at).isEqualTo(T0.plus(Duration.ofHours(11).plusMinutes(30)));
  }

  @Test
  void refreshAt_sessionShorterThanTwiceTheMargin_refreshesAtHalfLife() {
    Instant at = policy(Duration.ofMinutes(30), MIN_REMAINING).refreshAt(T0, T0.plusSeconds(20));
    assertThat(at).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void refreshAt_twentyMinuteSession_keepsMinRemainingLeftInsteadOfHalfLife() {
    Instant at =
        policy(Duration.ofMinutes(30), MIN_REMAINING)
            .refreshAt(T0, T0.plus(Duration.ofMinutes(20)));
    assertThat(at).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void refreshAt_smallerMinRemaining_halfLifeStands() {
    Instant at =
        policy(Duration.ofMinutes(30), Duration.ofMinutes(5))
            .refreshAt(T0, T0.plus(Duration.ofMinutes(20)));
    assertThat(at).isEqualTo(T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void refreshAt_sessionBarelyLongerThanMinRemaining_refreshesAfterAQuarterOfItsLife() {
    Instant at =
        policy(Duration.ofMinutes(30), MIN_REMAINING)
            .refreshAt(T0, T0.plus(Duration.ofMinutes(16)));
    assertThat(at).isEqualTo(T0.plus(Duration.ofMinutes(4)));
  }

  private static RefreshPolicy policy(Duration margin, Duration minRemaining) {
    RefreshPolicy d = RefreshPolicy.defaults();
    return new RefreshPolicy(
        margin,
        minRemaining,
        d.backoff(),
        d.mfaLeadTime(),
        d.mfaSessionSeconds(),
        d.coldStartWait());
  }
}

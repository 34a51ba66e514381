package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshTimingTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration MIN_REMAINING = Duration.ofMinutes(15);

  @Test
  void refreshAt_hourSessionWithHalfHourMargin_refreshesThirtyMinutesBeforeExpiry() {
    Instant at =
        RefreshTiming.refreshAt(
            T0, T0.plus(Duration.ofHours(1)), Duration.ofMinutes(30), MIN_REMAINING);
    assertThat(at).isEqualTo(T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void refreshAt_twelveHourSession_refreshesMarginBeforeExpiry() {
    Instant at =
        RefreshTiming.refreshAt(
            T0, T0.plus(Duration.ofHours(12)), Duration.ofMinutes(30), MIN_REMAINING);
    assertThat(at).isEqualTo(T0.plus(Duration.ofHours(11).plusMinutes(30)));
  }

  @Test
  void refreshAt_sessionShorterThanTwiceTheMargin_refreshesAtHalfLife() {
    Instant at =
        RefreshTiming.refreshAt(T0, T0.plusSeconds(20), Duration.ofMinutes(30), MIN_REMAINING);
    assertThat(at).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void refreshAt_twentyMinuteSession_keepsMinRemainingLeftInsteadOfHalfLife() {
    Instant at =
        RefreshTiming.refreshAt(
            T0, T0.plus(Duration.ofMinutes(20)), Duration.ofMinutes(30), MIN_REMAINING);
    assertThat(at).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void refreshAt_smallerMinRemaining_halfLifeStands() {
    Instant at =
        RefreshTiming.refreshAt(
            T0, T0.plus(Duration.ofMinutes(20)), Duration.ofMinutes(30), Duration.ofMinutes(5));
    assertThat(at).isEqualTo(T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void refreshAt_sessionBarelyLongerThanMinRemaining_refreshesAfterAQuarterOfItsLife() {
    Instant at =
        RefreshTiming.refreshAt(
            T0, T0.plus(Duration.ofMinutes(16)), Duration.ofMinutes(30), MIN_REMAINING);
    assertThat(at).isEqualTo(T0.plus(Duration.ofMinutes(4)));
  }
}

package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ImdsTokens}: TTL bounds, expiry against the clock, the cap. */
class ImdsTokensTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void issue_withTtlOutsideBounds_isRefused() {
    ImdsTokens tokens = new ImdsTokens(clock, 10);

    assertThatThrownBy(() -> tokens.issue(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.issue(21601)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isValid_untilTtlElapses_thenNot() {
    ImdsTokens tokens = new ImdsTokens(clock, 10);
    String token = tokens.issue(60);

    clock.advance(Duration.ofSeconds(59));
    assertThat(tokens.isValid(token)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.isValid(token)).isFalse();
  }

  @Test
  void isValid_forUnknownOrEmpty_isFalse() {
    ImdsTokens tokens = new ImdsTokens(clock, 10);
    String token = tokens.issue(60);

    assertThat(tokens.isValid(token + "x")).isFalse();
    assertThat(tokens.isValid("")).isFalse();
    assertThat(tokens.isValid(null)).isFalse();
  }

  @Test
  void issue_beyondCapacity_evictsOldestFirst() {
    ImdsTokens tokens = new ImdsTokens(clock, 3);
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      issued.add(tokens.issue(600));
    }

    assertThat(tokens.size()).isEqualTo(3);
    assertThat(tokens.isValid(issued.get(0))).isFalse();
    assertThat(issued.subList(1, 4)).allMatch(tokens::isValid);
  }

  @Test
  void issue_dropsExpiredTokensBeforeEvictingLiveOnes() {
    ImdsTokens tokens = new ImdsTokens(clock, 2);
    tokens.issue(1);
    String live = tokens.issue(600);
    clock.advance(Duration.ofSeconds(2));

    String next = tokens.issue(600);

    assertThat(tokens.isValid(live)).isTrue();
    assertThat(tokens.isValid(next)).isTrue();
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parse_shortForms_giveTheirUnits() {
    assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("30m")).contains(Duration.ofMinutes(30));
    assertThat(Durations.parse("12h")).contains(Duration.ofHours(12));
    assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
    assertThat(Durations.parse(" 0s ")).contains(Duration.ZERO);
  }

  @Test
  void parse_iso8601_isAccepted() {
    assertThat(Durations.parse("PT30M")).contains(Duration.ofMinutes(30));
    assertThat(Durations.parse("P1DT2H")).contains(Duration.ofHours(26));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "30",
        "m",
        "30x",
        "30 m",
        "-5m",
        "PT-5M",
        "P",
        "1.5h",
        "thirty minutes",
        "30M"
      })
  void parse_malformed_isEmpty(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }
}

package dev.rolekeeper.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Moments as the page shows them: local clock time and how far away, e.g. "14:05 (in 9 min)". */
final class WhenText {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE HH:mm");

  private final Clock clock;

  WhenText(Clock clock) {
    this.clock = clock;
  }

  String of(Instant when) {
    Duration left = Duration.between(clock.instant(), when);
    String at = (left.toHours() >= 20 ? DATE_TIME : TIME).format(when.atZone(clock.getZone()));
    if (left.isNegative() || left.isZero()) {
      return at + " (" + span(left.negated()) + " ago)";
    }
    return at + " (in " + span(left) + ")";
  }

  private static String span(Duration d) {
    if (d.toMinutes() < 1) {
      return d.toSeconds() + " s";
    }
    if (d.toHours() < 2) {
      return d.toMinutes() + " min";
    }
    long minutes = d.toMinutesPart();
    return d.toHours() + " h" + (minutes == 0 ? "" : " " + minutes + " min");
  }
}

package dev.rolekeeper.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses settings durations: {@code 90s}, {@code 30m}, {@code 12h}, {@code 1d}, or ISO-8601 such as
 * {@code PT30M}.
 */
final class Durations {

  static final String FORMS =
      "use a number with s, m, h or d (90s, 30m, 12h, 1d) or ISO-8601 such as PT30M";

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

  private Durations() {}

  /**
   * The duration {@code text} denotes, or empty if it is not one (negative ISO values included).
   */
  static Optional<Duration> parse(String text) {
    String t = text.trim();
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return Optional.of(
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          });
    }
    if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        Duration d = Duration.parse(t);
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}

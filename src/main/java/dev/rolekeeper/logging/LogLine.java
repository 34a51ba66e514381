package dev.rolekeeper.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.helpers.MessageFormatter;

/**
 * The text of one logging event: an optional timestamp and a space, the level padded to five
 * characters, the logger's name shortened to about {@value #LOGGER_LENGTH} characters, a separator,
 * the message (times in it to the second), a line break, then the stack trace of the event's
 * throwable if it has one.
 *
 * <p>Character for character what logback's {@code PatternLayout} writes for {@code %d{...}
 * %-5level %logger{20}<separator>%msg%n%ex}, without the pattern parser, compiler and converters
 * that layout loads into every daemon (some 100 classes).
 *
 * @param timestamp how the event's time is written, in the JVM's default time zone; empty for no
 *     timestamp at all
 * @param separator what stands between the logger's name and the message
 */
record LogLine(Optional<DateTimeFormatter> timestamp, String separator) {

  /** The length logback's {@code %logger{20}} shortens a logger's name towards. */
  static final int LOGGER_LENGTH = 20;

  /**
   * Lines that start with the time, written with a {@link DateTimeFormatter} pattern in the JVM's
   * default time zone (taken now, as logback takes it when its layout starts).
   */
  static LogLine timestamped(String timePattern, String separator) {
    return new LogLine(
        Optional.of(DateTimeFormatter.ofPattern(timePattern).withZone(ZoneId.systemDefault())),
        separator);
  }

  /** Lines without a time, for a sink that stamps them itself. */
  static LogLine untimestamped(String separator) {
    return new LogLine(Optional.empty(), separator);
  }

  /** The event's text, ending with a line break. */
  String format(ILoggingEvent event) {
    StringBuilder out = new StringBuilder(128);
    if (timestamp.isPresent()) {
      // Milliseconds, as logback formats them (not the event's finer Instant).
      out.append(timestamp.get().format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
    }
    String level = event.getLevel().toString();
    out.append(level);
    for (int pad = level.length(); pad < 5; pad++) {
      out.append(' ');
    }
    out.append(' ').append(abbreviate(event.getLoggerName(), LOGGER_LENGTH));
    out.append(separator).append(message(event)).append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      // The same text as PatternLayout's throwable converter ("Caused by", "Suppressed", "... n
      // common frames omitted"); ThrowableProxy already loaded this class to count common frames.
      out.append(ThrowableProxyUtil.asString(thrown));
    }
    return out.toString();
  }

  /**
   * The event's message, with every {@link Instant} argument written to the second: people read
   * seconds ({@code status} prints times that way too), and an {@code Instant}'s own text carries
   * nanoseconds. One place for every log call, so no caller has to remember to truncate.
   */
  static String message(ILoggingEvent event) {
    Object[] arguments = event.getArgumentArray();
    if (arguments == null) {
      return event.getFormattedMessage();
    }
    Object[] shown = null;
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i] instanceof Instant time && time.getNano() != 0) {
        if (shown == null) {
          shown = arguments.clone();
        }
        shown[i] = time.truncatedTo(ChronoUnit.SECONDS);
      }
    }
    return shown == null
        ? event.getFormattedMessage()
        : MessageFormatter.basicArrayFormat(event.getMessage(), shown);
  }

  /**
   * A logger's name shortened the way logback's {@code TargetLengthBasedClassNameAbbreviator}
   * shortens it: the last segment always whole; package segments, from the left, cut to their first
   * letter until enough characters are gone to reach the target length, the rest kept whole. A name
   * shorter than the target, or without a package, is left as it is (one exactly as long as the
   * target is still shortened, as logback does).
   */
  static String abbreviate(String name, int targetLength) {
    if (name.length() < targetLength) {
      return name;
    }
    int lastDot = name.lastIndexOf('.');
    if (lastDot < 0) {
      return name;
    }
    // The packages get what the target leaves after the last segment (dot included); the rest of
    // their length is what to cut. A cut segment keeps one letter, so more may go than needed.
    int packagesTarget = Math.max(0, targetLength - (name.length() - lastDot));
    int toCut = lastDot - packagesTarget;
    StringBuilder out = new StringBuilder(name.length());
    int cut = 0;
    boolean segmentStart = true;
    int i = 0;
    for (; i < lastDot; i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (cut >= toCut) {
          break;
        }
        out.append(c);
        segmentStart = true;
      } else if (segmentStart) {
        out.append(c);
        segmentStart = false;
      } else {
        cut++;
      }
    }
    return out.append(name, i, name.length()).toString();
  }
}

package dev.rolekeeper.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * Log lines for a terminal or a log file: each event as one {@link LogLine} (a timestamp, the
 * level, the shortened logger name, {@code " - "}, the message), followed by the stack trace of its
 * throwable. Safe for several threads at once: it keeps no state between events.
 */
public final class LineLayout extends LayoutBase<ILoggingEvent> {

  private final LogLine line;

  /**
   * A layout whose lines start with the time written with {@code timePattern} (a {@link
   * java.time.format.DateTimeFormatter} pattern) in the JVM's default time zone.
   */
  public LineLayout(String timePattern) {
    this.line = LogLine.timestamped(timePattern, " - ");
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return line.format(event);
  }
}

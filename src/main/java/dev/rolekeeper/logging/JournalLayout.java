package dev.rolekeeper.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * Log lines for journald: the level, the shortened logger name, {@code ": "} and the message (a
 * {@link LogLine} without timestamp: the journal keeps its own), then any stack trace; each line,
 * stack trace lines included, prefixed with the event's syslog priority ({@code <3>} error, {@code
 * <4>} warning, {@code <6>} info, {@code <7>} debug) so journald records the right priority for
 * every line it splits off.
 */
public final class JournalLayout extends LayoutBase<ILoggingEvent> {

  private final LogLine body = LogLine.untimestamped(": ");

  @Override
  public String doLayout(ILoggingEvent event) {
    String prefix = priorityPrefix(event.getLevel());
    String text = body.format(event);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (String line : text.split("\\R")) {
      out.append(prefix).append(line).append(CoreConstants.LINE_SEPARATOR);
    }
    return out.toString();
  }

  /** The syslog priority prefix journald understands for a logback level. */
  static String priorityPrefix(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> "<3>";
      case Level.WARN_INT -> "<4>";
      case Level.INFO_INT -> "<6>";
      default -> "<7>";
    };
  }
}

package dev.rolekeeper.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * Log lines for journald: no timestamp (the journal keeps its own), and each line, stack trace
 * lines included, prefixed with the event's syslog priority ({@code <3>} error, {@code <4>}
 * warning, {@code <6>} info, {@code <7>} debug) so journald records the right priority for every
 * line it splits off.
 */
public final class JournalLayout extends LayoutBase<ILoggingEvent> {

  private final PatternLayout body = new PatternLayout();

  @Override
  public void start() {
    body.setContext(getContext());
    body.setPattern("%-5level %logger{20}: %msg%n%ex");
    body.start();
    super.start();
  }

  @Override
  public void stop() {
    body.stop();
    super.stop();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    String prefix = priorityPrefix(event.getLevel());
    String text = body.doLayout(event);
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

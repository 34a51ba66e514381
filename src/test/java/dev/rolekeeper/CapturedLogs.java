package dev.rolekeeper;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Every log event of a test, from the root logger at DEBUG (where a secret is likelier to slip out
 * than at INFO): {@code @RegisterExtension final CapturedLogs logs = new CapturedLogs();}. The root
 * level is put back after each test.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger root;
  private Level savedLevel;

  @Override
  public void beforeEach(ExtensionContext context) {
    root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    savedLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    appender.list.clear();
    appender.start();
    root.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    root.detachAppender(appender);
    root.setLevel(savedLevel);
  }

  /** The events so far. */
  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Each event so far as text: its message, then its stack trace if it has one. */
  public List<String> lines() {
    return events().stream()
        .map(
            event ->
                event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                        ? ""
                        : " " + ThrowableProxyUtil.asString(event.getThrowableProxy())))
        .toList();
  }
}

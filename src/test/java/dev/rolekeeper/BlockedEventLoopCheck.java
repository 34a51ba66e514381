package dev.rolekeeper;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails any test during which a Vert.x event loop was blocked. Registered for the whole suite
 * (JUnit extension auto-detection); the Vert.x instances tests get from {@code VertxExtension} use
 * a low limit (the options file named by the {@code vertx.parameter.filename} property set in the
 * surefire configuration), and the blocked-thread checker's warnings are collected here and turned
 * into a failure, with the blocked stack.
 */
public final class BlockedEventLoopCheck implements BeforeEachCallback, AfterEachCallback {

  /** The logger Vert.x's blocked-thread checker writes to. */
  static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

  private static final String APPENDER = "blocked-event-loop-check";

  @Override
  public void beforeEach(ExtensionContext context) {
    Recorder recorder = recorder();
    recorder.clear();
  }

  /**
   * The frame of the one block made on purpose (this check's own test). The checker may report it
   * once more while that test drains the record (it logs from its own thread, after it measured),
   * so such a report is never held against a test.
   */
  static final String DELIBERATE = "BlockedEventLoopCheckTest.sleep(";

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> blocked =
        recorder().drain().stream().filter(record -> !record.contains(DELIBERATE)).toList();
    if (!blocked.isEmpty()) {
      throw new AssertionError(
          "a Vert.x event loop was blocked during this test:\n" + String.join("\n", blocked));
    }
  }

  /**
   * What was recorded since the last call (for the check's own test, which blocks a loop on
   * purpose).
   */
  static List<String> takeRecorded() {
    return recorder().drain();
  }

  /**
   * The recorder on the checker's logger, attached again if a test reconfigured logging meanwhile.
   */
  private static synchronized Recorder recorder() {
    Logger logger = (Logger) LoggerFactory.getLogger(CHECKER_LOGGER);
    if (logger.getLevel() == null || !logger.isWarnEnabled()) {
      logger.setLevel(Level.WARN);
    }
    if (logger.getAppender(APPENDER) instanceof Recorder attached) {
      return attached;
    }
    Recorder recorder = new Recorder();
    recorder.setName(APPENDER);
    recorder.setContext(logger.getLoggerContext());
    recorder.start();
    logger.addAppender(recorder);
    return recorder;
  }

  /**
   * Keeps the checker's warnings about event-loop threads (worker pools may block: that is what
   * they are for).
   */
  static final class Recorder extends AppenderBase<ILoggingEvent> {
    private final List<String> events = new ArrayList<>();

    @Override
    protected synchronized void append(ILoggingEvent event) {
      String message = event.getFormattedMessage();
      if (message != null && message.contains("eventloop")) {
        String stack =
            event.getThrowableProxy() == null
                ? ""
                : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        events.add(message + stack);
      }
    }

    synchronized void clear() {
      events.clear();
    }

    synchronized List<String> drain() {
      List<String> copy = List.copyOf(events);
      events.clear();
      return copy;
    }
  }
}

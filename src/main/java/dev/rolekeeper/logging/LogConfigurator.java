package dev.rolekeeper.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Logback's first configurator (registered through {@code META-INF/services}): configures logging
 * in code for every {@link LogMode} (terminal, journald, log file); a {@code
 * logback.configurationFile} system property hands over to logback's own XML configurator instead.
 *
 * <p>Levels: root from {@code ROLEKEEPER_LOG_LEVEL} (default INFO); Netty and the AWS SDK at WARN.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  /** The terminal's time of day: short, as a terminal shows a session rather than a history. */
  static final String TERMINAL_TIME = "HH:mm:ss.SSS";

  /** The log file's time: the full date and the UTC offset, as the file outlives the session. */
  static final String FILE_TIME = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      // Someone asked for their own logback configuration: logback's XML configurator reads it.
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    // Configured in code in every mode, with our own layouts: logback's XML configurator alone
    // loads some 500 classes into a daemon whose idle memory is a target, its PatternLayout some
    // 100 more.
    LogMode mode = LogMode.detect(System.getenv(), stdoutIdentity());
    apply(context, appenderFor(context, mode), System.getenv("ROLEKEEPER_LOG_LEVEL"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Routes the root logger to one appender, with the daemon's levels. */
  static void apply(LoggerContext context, Appender<ILoggingEvent> appender, String rootLevel) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.setLevel(Level.toLevel(rootLevel, Level.INFO));
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
    root.addAppender(appender);
  }

  /**
   * The appender for a mode: stderr in a terminal, stdout for the journal, a rotated file under
   * launchd.
   */
  static Appender<ILoggingEvent> appenderFor(LoggerContext context, LogMode mode) {
    if (mode instanceof LogMode.Journal) {
      return journalAppender(context);
    }
    if (mode instanceof LogMode.File file) {
      return fileAppender(context, file.path(), RotatingLogFile.Rotation.DEFAULT);
    }
    return terminalAppender(context);
  }

  /** The log file's appender, rotated as given. */
  static Appender<ILoggingEvent> fileAppender(
      LoggerContext context, Path file, RotatingLogFile.Rotation rotation) {
    return RotatingLogFile.appender(
        context, file, rotation, encoder(context, new LineLayout(FILE_TIME)));
  }

  /**
   * stderr, so that stdout stays free for what commands print (the exports of {@code demo} and
   * {@code env}).
   */
  private static Appender<ILoggingEvent> terminalAppender(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("TERMINAL");
    appender.setTarget("System.err");
    appender.setEncoder(encoder(context, new LineLayout(TERMINAL_TIME)));
    appender.start();
    return appender;
  }

  private static Appender<ILoggingEvent> journalAppender(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("JOURNAL");
    appender.setEncoder(encoder(context, new JournalLayout()));
    appender.start();
    return appender;
  }

  /** Turns a layout's text into bytes, in the platform's charset (logback's default). */
  private static Encoder<ILoggingEvent> encoder(
      LoggerContext context, Layout<ILoggingEvent> layout) {
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  /**
   * stdout's {@code device:inode}, as systemd writes it into {@code JOURNAL_STREAM}; empty off
   * Linux.
   */
  static Optional<String> stdoutIdentity() {
    try {
      Map<String, Object> attrs = Files.readAttributes(Path.of("/proc/self/fd/1"), "unix:dev,ino");
      return Optional.of(attrs.get("dev") + ":" + attrs.get("ino"));
    } catch (IOException
        | UnsupportedOperationException
        | IllegalArgumentException
        | SecurityException e) {
      return Optional.empty();
    }
  }
}

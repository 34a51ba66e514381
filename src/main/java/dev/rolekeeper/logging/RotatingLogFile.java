package dev.rolekeeper.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * The log file of a daemon that has neither a terminal nor the journal (a launchd agent): rolled
 * over by size, a few old files kept. Apart from {@link LogConfigurator} so that a daemon logging
 * elsewhere never loads logback's file and rolling classes.
 */
final class RotatingLogFile {

  /** How many rolled files are kept besides the live one. */
  static final int KEPT_FILES = 3;

  /**
   * When the log file rolls over.
   *
   * @param maxFileSize the size that triggers a roll-over
   * @param checkEvery how often the size is looked at (logback's gate, so not every event stats the
   *     file)
   */
  record Rotation(FileSize maxFileSize, Duration checkEvery) {
    /**
     * 10 MB, checked at most once a minute: with {@link #KEPT_FILES} at most about 40 MB on disk.
     */
    static final Rotation DEFAULT =
        new Rotation(FileSize.valueOf("10MB"), Duration.buildByMinutes(1));
  }

  private RotatingLogFile() {}

  /** A started appender writing {@code file}, rolled to {@code file.1} … {@code file.3}. */
  static Appender<ILoggingEvent> appender(
      LoggerContext context, Path file, Rotation rotation, Encoder<ILoggingEvent> encoder) {
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(KEPT_FILES);
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(rotation.maxFileSize());
    trigger.setCheckIncrement(rotation.checkEvery());
    trigger.start();
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}

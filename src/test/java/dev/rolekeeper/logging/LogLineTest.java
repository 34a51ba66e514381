package dev.rolekeeper.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our layouts against logback's PatternLayout with the patterns they replace: the same events must
 * give the same text, character for character.
 */
class LogLineTest {

  private static final List<String> LOGGERS =
      List.of(
          "dev.rolekeeper.session.Session",
          "dev.rolekeeper.daemon.TokenStore",
          "dev.rolekeeper.daemon.Daemon",
          "dev.rolekeeper.session.SessionManager$RefreshTimer",
          "software.amazon.awssdk.services.sts.internal.StsAuthSchemeInterceptor",
          "io.netty.util.internal.PlatformDependent0",
          "dev.rolekeeper.x1234", // exactly the target length
          "dev.rolekeeper.x123", // one short of it
          "a.b.c.D",
          "Main",
          "AVeryLongLoggerNameWithoutAnyPackageAtAll",
          "ROOT",
          "dev..rolekeeper.Doubled",
          ".leading.Dot",
          "trailing.dot.",
          "x.AClassNameThatIsLongerThanTheTargetByItself");

  private static final List<Level> LEVELS =
      List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE);

  private final LoggerContext context = new LoggerContext();

  @Test
  void terminalLayout_manyEvents_sameTextAsPatternLayout() {
    assertSameText(
        new LineLayout(LogConfigurator.TERMINAL_TIME),
        pattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n"));
  }

  @Test
  void fileLayout_manyEvents_sameTextAsPatternLayout() {
    assertSameText(
        new LineLayout(LogConfigurator.FILE_TIME),
        pattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{20} - %msg%n"));
  }

  @Test
  void journalBody_manyEvents_sameTextAsPatternLayout() {
    LogLine body = LogLine.untimestamped(": ");
    PatternLayout expected = pattern("%-5level %logger{20}: %msg%n%ex");
    for (LoggingEvent event : events()) {
      assertThat(body.format(event)).isEqualTo(expected.doLayout(event));
    }
  }

  @Test
  void fileLayout_zoneWithHalfHourOffset_sameOffsetAsPatternLayout() {
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
    try {
      LineLayout ours = new LineLayout(LogConfigurator.FILE_TIME);
      PatternLayout theirs =
          pattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{20} - %msg%n");
      LoggingEvent event = event("dev.rolekeeper.daemon.Daemon", Level.INFO, "up", null);
      event.setTimeStamp(1_764_000_000_123L);

      assertThat(ours.doLayout(event))
          .isEqualTo(theirs.doLayout(event))
          .startsWith("2025-11-24T21:30:00.123+05:30 INFO  d.r.daemon.Daemon - up");
    } finally {
      TimeZone.setDefault(before);
    }
  }

  @Test
  void message_instantArguments_writtenToTheSecond() {
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("dev.rolekeeper.session.Session"),
            Level.INFO,
            "{}: new session, expires {}, next refresh {}",
            null,
            new Object[] {
              "prod",
              java.time.Instant.parse("2026-12-06T06:00:36.212071974Z"),
              java.time.Instant.parse("2026-12-06T06:30:36Z")
            });

    assertThat(new LineLayout(LogConfigurator.TERMINAL_TIME).doLayout(event))
        .endsWith(
            "Session - prod: new session, expires 2026-12-06T06:00:36Z, next refresh"
                + " 2026-12-06T06:30:36Z"
                + System.lineSeparator());
    assertThat(event.getArgumentArray()[1].toString()).contains(".212071974");
  }

  @ParameterizedTest
  @CsvSource({
    "dev.rolekeeper.session.Session, d.r.session.Session",
    "dev.rolekeeper.daemon.TokenStore, d.r.d.TokenStore",
    "dev.rolekeeper.daemon.Daemon, d.r.daemon.Daemon",
    "dev.rolekeeper.x123, dev.rolekeeper.x123",
    "dev.rolekeeper.x1234, d.rolekeeper.x1234",
    "Main, Main",
    "x.AClassNameThatIsLongerThanTheTargetByItself, x.AClassNameThatIsLongerThanTheTargetByItself",
  })
  void abbreviate_loggerName_logbacksShortening(String name, String expected) {
    assertThat(LogLine.abbreviate(name, LogLine.LOGGER_LENGTH)).isEqualTo(expected);
  }

  private void assertSameText(Layout<ILoggingEvent> ours, PatternLayout theirs) {
    List<LoggingEvent> events = events();
    List<String> expected = new ArrayList<>();
    for (LoggingEvent event : events) {
      expected.add(theirs.doLayout(event));
    }
    // The events must exercise what could differ, or the comparison proves little.
    assertThat(String.join("", expected))
        .contains("Caused by: ", "common frames omitted", "Suppressed: ", "CIRCULAR REFERENCE");

    assertThat(events).map(ours::doLayout).containsExactlyElementsOf(expected);
  }

  private List<LoggingEvent> events() {
    List<Throwable> thrown = new ArrayList<>();
    thrown.add(null);
    thrown.add(new IllegalStateException("boom"));
    thrown.add(new RuntimeException("outer", nested(3)));
    thrown.add(withSuppressed());
    thrown.add(cyclic());
    thrown.add(new NullPointerException());
    List<String> messages =
        List.of("refreshed {} for {}", "two\nlines", "crlf\r\nend", "", "tab\there");
    List<LoggingEvent> events = new ArrayList<>();
    long time = 1_764_000_000_000L;
    int i = 0;
    for (String logger : LOGGERS) {
      for (Level level : LEVELS) {
        LoggingEvent event =
            event(logger, level, messages.get(i % messages.size()), thrown.get(i % thrown.size()));
        event.setTimeStamp(time + i * 7_654_321L);
        events.add(event);
        i++;
      }
    }
    events.add(event("dev.rolekeeper.x", Level.INFO, null, null));
    return events;
  }

  private LoggingEvent event(String logger, Level level, String message, Throwable error) {
    return new LoggingEvent(
        "fqcn", context.getLogger(logger), level, message, error, new Object[] {"prod", 42});
  }

  private PatternLayout pattern(String pattern) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(pattern);
    layout.start();
    return layout;
  }

  /** A cause chain whose frames the outer exception shares ("common frames omitted"). */
  private static Throwable nested(int depth) {
    if (depth == 0) {
      return new UncheckedIOException("disk", new IOException("no space"));
    }
    return new IllegalArgumentException("level " + depth, nested(depth - 1));
  }

  private static Throwable withSuppressed() {
    Exception main = new Exception("closing failed");
    main.addSuppressed(new IOException("close 1", new IllegalStateException("inner")));
    main.addSuppressed(new IOException("close 2"));
    return main;
  }

  private static Throwable cyclic() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);
    return a;
  }
}

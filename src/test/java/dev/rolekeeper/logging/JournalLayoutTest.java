package dev.rolekeeper.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JournalLayoutTest {

  private final LoggerContext context = new LoggerContext();
  private final JournalLayout layout = new JournalLayout();

  @BeforeEach
  void start() {
    layout.setContext(context);
    layout.start();
  }

  @AfterEach
  void stop() {
    layout.stop();
  }

  @Test
  void doLayout_error_priority3NoTimestamp() {
    String line = layout.doLayout(event(Level.ERROR, "STS unreachable", null));

    assertThat(line)
        .isEqualTo("<3>ERROR d.r.s.SessionManager: STS unreachable" + System.lineSeparator());
  }

  @Test
  void doLayout_eachLevel_matchingSyslogPriority() {
    assertThat(layout.doLayout(event(Level.WARN, "w", null))).startsWith("<4>WARN");
    assertThat(layout.doLayout(event(Level.INFO, "i", null))).startsWith("<6>INFO");
    assertThat(layout.doLayout(event(Level.DEBUG, "d", null))).startsWith("<7>DEBUG");
    assertThat(layout.doLayout(event(Level.TRACE, "t", null))).startsWith("<7>TRACE");
  }

  @Test
  void doLayout_stackTrace_everyLinePrefixed() {
    String text = layout.doLayout(event(Level.ERROR, "failed", new IllegalStateException("boom")));

    assertThat(text.lines())
        .hasSizeGreaterThan(2)
        .allSatisfy(line -> assertThat(line).startsWith("<3>"))
        .anySatisfy(line -> assertThat(line).isEqualTo("<3>java.lang.IllegalStateException: boom"));
  }

  private LoggingEvent event(Level level, String message, Throwable error) {
    return new LoggingEvent(
        "fqcn",
        context.getLogger("dev.rolekeeper.session.SessionManager"),
        level,
        message,
        error,
        null);
  }
}

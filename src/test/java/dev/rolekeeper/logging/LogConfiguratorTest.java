package dev.rolekeeper.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogConfiguratorTest {

  @TempDir Path temp;
  private final LoggerContext context = new LoggerContext();

  @BeforeEach
  void mdc() {
    // A standalone context, unlike the one SLF4J builds, has no MDC adapter until given one.
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void fileMode_logsWithTimestampAndLevels() throws Exception {
    Path file = temp.resolve("logs/rolekeeper.log");
    LogConfigurator.apply(
        context, LogConfigurator.appenderFor(context, new LogMode.File(file)), "DEBUG");

    context.getLogger("dev.rolekeeper.x").debug("refreshed {}", "prod");
    context.getLogger("io.netty.y").info("chatter");

    assertThat(Files.readString(file))
        .containsPattern(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ DEBUG dev.rolekeeper.x - refreshed prod")
        .doesNotContain("chatter");
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void fileMode_pastSizeCap_rollsAndKeepsBoundedFiles() throws Exception {
    Path file = temp.resolve("rolekeeper.log");
    LogConfigurator.apply(
        context,
        LogConfigurator.fileAppender(
            context,
            file,
            new RotatingLogFile.Rotation(FileSize.valueOf("2KB"), Duration.buildByMilliseconds(0))),
        null);
    Logger logger = context.getLogger("dev.rolekeeper.x");
    String filler = "x".repeat(200);

    for (int i = 0; i < 200; i++) {
      logger.info("line {} {}", i, filler);
    }

    assertThat(Path.of(file + ".1")).exists();
    assertThat(Path.of(file + "." + (RotatingLogFile.KEPT_FILES + 1))).doesNotExist();
    assertThat(Files.readString(file)).contains("line 199");
  }

  @Test
  void apply_unknownLevel_defaultsToInfo() {
    Path file = temp.resolve("r.log");
    LogConfigurator.apply(
        context, LogConfigurator.appenderFor(context, new LogMode.File(file)), "loud");

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void serviceLoader_logbackConfiguratorSpi_findsLogConfigurator() {
    assertThat(
            java.util.ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(java.util.ServiceLoader.Provider::type))
        .contains(LogConfigurator.class);
  }
}

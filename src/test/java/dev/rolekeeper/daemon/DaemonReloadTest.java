package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rolekeeper.Polling;
import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A running daemon applies changed AWS files and settings, and refuses bad ones without losing
 * anything.
 */
@ExtendWith(VertxExtension.class)
class DaemonReloadTest {

  private static final String DEV = DemoAccount.DEV_PROFILE;
  private static final String READONLY = DemoAccount.READONLY_PROFILE;
  private static final Duration RELOAD_WITHIN = Duration.ofSeconds(15);

  @TempDir Path home;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger reloaderLog = (Logger) LoggerFactory.getLogger(Reloader.class);
  private Vertx vertx;
  private RunningDaemon running;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    logs.start();
    reloaderLog.addAppender(logs);
    running =
        RunningDaemon.prepare(vertx, home, List.of(DEV, READONLY), Map.of()).startDaemon(vertx);
    for (String profile : List.of(DEV, READONLY)) {
      waitFor(() -> running.daemon.sessions().lookup(profile) instanceof Lookup.Available);
    }
    running.simulator.resetCounters();
  }

  @AfterEach
  void tearDown() throws Exception {
    reloaderLog.detachAppender(logs);
    running.stop();
  }

  private Path awsConfig() {
    return home.resolve(".aws/config");
  }

  @Test
  void awsConfigChanged_oneProfile_replacesOnlyThatSession() throws Exception {
    AwsCredentials dev = running.currentCredentials(DEV);
    AwsCredentials readonly = running.currentCredentials(READONLY);

    Files.writeString(
        awsConfig(),
        Files.readString(awsConfig())
            .replace(
                "source_profile = " + DEV + "\n",
                "source_profile = " + DEV + "\nrole_session_name = renamed\n"));
    waitFor(
        () ->
            running.daemon.sessions().lookup(READONLY) instanceof Lookup.Available available
                && !available.credentials().equals(readonly));

    assertThat(running.currentCredentials(DEV)).isEqualTo(dev);
    assertThat(running.simulator.calls("AssumeRole")).isEqualTo(1);
    assertThat(await(running.daemon.sessions().status()))
        .filteredOn(s -> s.profile().equals(READONLY))
        .singleElement()
        .satisfies(s -> assertThat(s.refresh().state()).isEqualTo("Fresh"));
    assertThat(messages(Level.INFO))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("AWS files reloaded")
                    .contains("new sessions for [" + READONLY + "]"));
  }

  @Test
  void awsConfigBroken_keepsServingAndLogsOneError() throws Exception {
    AwsCredentials dev = running.currentCredentials(DEV);
    AwsCredentials readonly = running.currentCredentials(READONLY);

    Files.writeString(awsConfig(), "[profile " + DEV + "\nrole_arn = x\n");
    waitFor(() -> !messages(Level.ERROR).isEmpty());

    assertThat(messages(Level.ERROR))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("AWS files not reloaded, keeping the previous profiles: ")
                    .contains(awsConfig().toString())
                    .contains("line 1"));
    assertThat(running.currentCredentials(DEV)).isEqualTo(dev);
    assertThat(running.currentCredentials(READONLY)).isEqualTo(readonly);
    assertThat(running.simulator.totalCalls()).isZero();
  }

  @Test
  void awsConfigBreakingAServedProfile_isRefusedAsAWhole() throws Exception {
    AwsCredentials readonly = running.currentCredentials(READONLY);

    Files.writeString(
        awsConfig(),
        Files.readString(awsConfig())
            .replace("source_profile = " + DEV + "\n", "source_profile = nowhere\n"));
    waitFor(() -> !messages(Level.ERROR).isEmpty());

    assertThat(messages(Level.ERROR))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("AWS files not reloaded")
                    .contains(READONLY)
                    .contains("nowhere"));
    assertThat(running.currentCredentials(READONLY)).isEqualTo(readonly);
    assertThat(running.daemon.sessions().profiles()).containsExactlyInAnyOrder(DEV, READONLY);
  }

  @Test
  void settingsChanged_profileDropped_stopsServingItAndKeepsTheOther() throws Exception {
    AwsCredentials dev = running.currentCredentials(DEV);

    await(running.daemon.applySettings(settingsWith(Map.of("ROLEKEEPER_PROFILES", DEV))));

    assertThat(running.daemon.sessions().lookup(READONLY)).isInstanceOf(Lookup.Unknown.class);
    assertThat(running.currentCredentials(DEV)).isEqualTo(dev);
    assertThat(running.simulator.totalCalls()).isZero();
  }

  @Test
  void settingsChanged_portAndAnUnknownProfileAdded_logsRestartAndServesTheNewNameWithItsError()
      throws Exception {
    AwsCredentials dev = running.currentCredentials(DEV);

    await(
        running.daemon.applySettings(
            settingsWith(
                Map.of(
                    "ROLEKEEPER_LISTEN_PORT",
                    "1",
                    "ROLEKEEPER_PROFILES",
                    DEV + ",missing-profile"))));

    assertThat(messages(Level.WARN))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("(listen)").contains("restart rolekeeper"));
    assertThat(messages(Level.ERROR)).isEmpty();
    // A new name that does not resolve is not a regression: it is listed with its error, which
    // status shows.
    assertThat(running.daemon.sessions().profiles())
        .containsExactlyInAnyOrder(DEV, "missing-profile");
    assertThat(running.daemon.sessions().lookup("missing-profile"))
        .isInstanceOf(Lookup.Unavailable.class);
    assertThat(running.currentCredentials(DEV)).isEqualTo(dev);
    assertThat(running.simulator.totalCalls()).isZero();
  }

  private Settings settingsWith(Map<String, String> overrides) throws Exception {
    Map<String, String> env = new HashMap<>(running.env);
    env.putAll(overrides);
    return await(SettingsLoader.loadOnce(vertx, Optional.of(home.resolve("settings.yaml")), env));
  }

  private List<String> messages(Level level) {
    return logs.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private void waitFor(BooleanSupplier condition) throws Exception {
    Polling.until(vertx, condition, RELOAD_WITHIN);
  }
}

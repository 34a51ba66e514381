package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rolekeeper.http.Http;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.session.Eventually;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a reload of the AWS files does beyond replacing sessions, and what it says needs a restart.
 */
@ExtendWith(VertxExtension.class)
class ReloadEffectsTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

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
    // Every role profile in the files is served; the readonly one is synced to a credentials-file
    // section.
    running =
        RunningDaemon.prepare(
                vertx,
                home,
                List.of(DemoAccount.DEV_PROFILE),
                Map.of(
                    RunningDaemon.IMDS_ENABLED,
                    "true",
                    "ROLEKEEPER_PROFILES",
                    "",
                    "ROLEKEEPER_SYNC_TARGETS",
                    DemoAccount.READONLY_PROFILE + "=ro-synced"))
            .startDaemon(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    reloaderLog.detachAppender(logs);
    running.stop();
  }

  private void waitFor(BooleanSupplier condition) throws Exception {
    await(Eventually.until(vertx, condition, WITHIN));
  }

  private Path awsConfig() {
    return home.resolve(".aws/config");
  }

  private String credentialsFile() {
    try {
      return Files.readString(home.resolve(".aws/credentials"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void profileRemovedFromTheFiles_itsSyncedSectionIsRemoved() throws Exception {
    waitFor(() -> credentialsFile().contains("[ro-synced]"));
    String config = Files.readString(awsConfig());
    int start = config.indexOf("[profile " + DemoAccount.READONLY_PROFILE + "]");
    int end = config.indexOf("[profile", start + 1);
    Files.writeString(awsConfig(), config.substring(0, start) + config.substring(end));

    waitFor(() -> !credentialsFile().contains("[ro-synced]"));

    assertThat(credentialsFile()).contains("[demo-alice]").contains("[demo-bob]");
    assertThat(running.daemon.sessions().profiles()).doesNotContain(DemoAccount.READONLY_PROFILE);
  }

  @Test
  void mfaProcessAddedToAProfile_reloadSaysExactlyThatItNeedsARestart() throws Exception {
    Files.writeString(
        awsConfig(),
        Files.readString(awsConfig())
            .replace(
                "duration_seconds = 3600\n",
                "duration_seconds = 3600\nmfa_process = echo 123456\n"));

    waitFor(() -> logs.list.stream().anyMatch(e -> e.getLevel() == Level.WARN));

    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .startsWith(
                        "Reloaded, but these apply only after a restart: the mfa_process of the profiles on "
                            + DemoAccount.MFA_DEVICE));
  }

  @Test
  void imdsProfileChangedInTheSettings_imdsServesTheNewProfileAtOnce() throws Exception {
    Http http = new Http(vertx);
    java.util.Map<String, String> env = new java.util.HashMap<>(running.env);
    env.put("ROLEKEEPER_IMDS_PROFILE", DemoAccount.READONLY_PROFILE);
    dev.rolekeeper.config.Settings next =
        await(
            dev.rolekeeper.config.SettingsLoader.loadOnce(
                vertx, java.util.Optional.of(home.resolve("settings.yaml")), env));

    await(running.daemon.applySettings(next));

    int port = running.daemon.imdsPort();
    String token =
        await(http.put(port, "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds", "60"))
            .body();
    Http.Reply roles =
        await(
            http.get(
                port,
                "/latest/meta-data/iam/security-credentials/",
                "X-aws-ec2-metadata-token",
                token));
    assertThat(roles.status()).isEqualTo(200);
    assertThat(roles.body()).isEqualTo(DemoAccount.READONLY_PROFILE);
    await(http.close());
  }
}

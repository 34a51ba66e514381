package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.cli.CommandTree;
import dev.rolekeeper.credfile.SyncStatus;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.session.Eventually;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Credentials-file sync end to end: the daemon keeps {@code demo-dev} in section {@code [synced]}
 * of a credentials file, the Java SDK's {@link ProfileCredentialsProvider} reads it and signs a
 * call the simulator verifies, refreshes rewrite it, and {@code rolekeeper status} shows the target
 * and when it was written.
 */
@ExtendWith(VertxExtension.class)
class DaemonSyncTest {

  private static final String DEV_ARN =
      "arn:aws:sts::111122223333:assumed-role/dev/rolekeeper-demo-dev";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path home;

  private RunningDaemon running;

  @AfterEach
  void tearDown() throws Exception {
    if (running != null) {
      running.stop();
    }
  }

  private Path syncFile() {
    return home.resolve("synced-credentials");
  }

  private RunningDaemon start(Vertx vertx, Integer sessionSeconds) throws Exception {
    running =
        RunningDaemon.prepare(
            vertx,
            home,
            List.of(DemoAccount.DEV_PROFILE),
            Map.of(
                "ROLEKEEPER_SYNC_FILE",
                syncFile().toString(),
                "ROLEKEEPER_SYNC_TARGETS",
                DemoAccount.DEV_PROFILE + "=synced"));
    running.simulator.sessionSecondsOverride(sessionSeconds);
    running.startDaemon(vertx);
    // The file appears (atomic rename) a moment before the write is recorded for status: wait for
    // both.
    await(
        Eventually.until(
            vertx,
            () ->
                syncedKey() != null
                    && running.daemon.parts().sync().status().get(0).lastWritten() != null,
            WAIT));
    return running;
  }

  /** The access key id in [synced], read the way the SDK reads the file; null while absent. */
  private String syncedKey() {
    if (!Files.exists(syncFile())) {
      return null;
    }
    return profileFile()
        .profile("synced")
        .flatMap(p -> p.property(ProfileProperty.AWS_ACCESS_KEY_ID))
        .orElse(null);
  }

  private ProfileFile profileFile() {
    return ProfileFile.builder().content(syncFile()).type(ProfileFile.Type.CREDENTIALS).build();
  }

  @Test
  void syncedSection_readByTheSdksProfileProvider_signsCallerIdentityAsTheDevRole(Vertx vertx)
      throws Exception {
    start(vertx, null);

    ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder()
            .profileFile(this::profileFile)
            .profileName("synced")
            .build();

    assertThat(running.callerArn(provider)).isEqualTo(DEV_ARN);
    assertThat(syncedKey())
        .isEqualTo(running.currentCredentials(DemoAccount.DEV_PROFILE).accessKeyId());
    assertThat(Files.readString(syncFile())).contains("# managed by rolekeeper");
  }

  @Test
  void shortSessions_refreshed_fileHoldsTheNewKeysWhichStillSign(Vertx vertx) throws Exception {
    start(vertx, 4);
    String first = syncedKey();

    await(
        Eventually.until(
            vertx,
            () -> {
              String now = syncedKey();
              return now != null && !now.equals(first);
            },
            WAIT));

    ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder()
            .profileFile(this::profileFile)
            .profileName("synced")
            .build();
    assertThat(running.callerArn(provider)).isEqualTo(DEV_ARN);
  }

  @Test
  void statusCommand_againstTheDaemon_showsTheSyncTargetAndWhenItWasWritten(Vertx vertx)
      throws Exception {
    start(vertx, null);
    SyncStatus sync = running.daemon.parts().sync().status().get(0);
    assertThat(sync.lastWritten()).isNotNull();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine status =
        CommandTree.whole().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

    int exit = status.execute("status", "--state-dir", running.daemon.stateDir().toString());

    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .contains("Credentials-file sync:")
        .contains("profile=" + DemoAccount.DEV_PROFILE, "section=synced", "file=" + syncFile())
        .contains("lastWritten=" + sync.lastWritten())
        .doesNotContain(running.currentCredentials(DemoAccount.DEV_PROFILE).secretAccessKey());
  }
}

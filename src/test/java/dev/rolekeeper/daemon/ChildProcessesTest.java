package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.process.BrowserHandoff;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.session.Eventually;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every process the daemon launched dies when the daemon stops, and the files that handed links to
 * the browser go at start and stop.
 */
@ExtendWith(VertxExtension.class)
class ChildProcessesTest {

  @TempDir Path home;

  @Test
  void daemonStops_whileAnMfaProcessAndItsChildRun_bothAreKilled(Vertx vertx) throws Exception {
    Path pidFile = home.resolve("mfa-child.pid");
    RunningDaemon running =
        RunningDaemon.prepare(
            vertx,
            home,
            List.of(DemoAccount.MFA_PROFILE),
            Map.of(
                "ROLEKEEPER_MFA_PROMPTS", "process,web,cli",
                "ROLEKEEPER_MFA_PROCESS", "sleep 300 & echo $! > " + pidFile + "; wait",
                "ROLEKEEPER_MFA_PROCESSTIMEOUT", "5m"));
    try {
      running.startDaemon(vertx);
      await(
          Eventually.until(
              vertx,
              () -> Files.exists(pidFile) && !readQuietly(pidFile).isBlank(),
              Duration.ofSeconds(20)));
      long child = Long.parseLong(readQuietly(pidFile).strip());
      assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).contains(true);

      await(running.daemon.stop());
      running.daemon = null;

      await(
          Eventually.until(
              vertx,
              () -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true),
              Duration.ofSeconds(5)));
    } finally {
      running.stop();
    }
  }

  @Test
  void browserLinkFiles_leftByAnEarlierRunAndWrittenInThisOne_goAtStartAndStop(Vertx vertx)
      throws Exception {
    Path open = Files.createDirectories(home.resolve("state").resolve(BrowserHandoff.DIRECTORY));
    Path stale = Files.writeString(open.resolve("open-earlier.html"), "a dead link");
    RunningDaemon running =
        RunningDaemon.prepare(vertx, home, List.of(DemoAccount.MFA_PROFILE), Map.of());
    try {
      running.startDaemon(vertx);
      assertThat(running.daemon.stateDir().resolve(BrowserHandoff.DIRECTORY)).isEqualTo(open);
      assertThat(stale).as("gone at start").doesNotExist();
      Path fresh = Files.writeString(open.resolve("open-this-run.html"), "a live link");

      await(running.daemon.stop());
      running.daemon = null;

      assertThat(fresh).as("gone at stop").doesNotExist();
    } finally {
      running.stop();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}

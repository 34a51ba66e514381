package dev.rolekeeper.session;

import static dev.rolekeeper.session.SessionFixture.ALICE;
import static dev.rolekeeper.session.SessionFixture.DEV;
import static dev.rolekeeper.session.SessionFixture.await;
import static dev.rolekeeper.session.SessionFixture.hop;
import static dev.rolekeeper.session.SessionFixture.keysOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.profiles.Source;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** credential_process through the process runner: big outputs, hung commands, their own pool. */
class CredentialProcessTest {

  @TempDir Path dir;

  /** A Vert.x sized like the daemon's: a 4-thread worker pool. */
  private static Vertx daemonSizedVertx() {
    return Vertx.vertx(new VertxOptions().setWorkerPoolSize(4));
  }

  private static Plan.Direct viaProcess(String profile, String command, Duration timeout) {
    return new Plan.Direct(
        hop(profile, DEV, 3600),
        new ProcessKeySource(new Source.CredentialProcess(command), profile, timeout));
  }

  @Test
  void processPrintingMoreThanAPipeBuffer_isReadWhileItRuns_andItsKeysAssumeTheRole()
      throws Exception {
    Path script = dir.resolve("creds.sh");
    Files.writeString(
        script,
        "printf '{\"Version\": 1, \"AccessKeyId\": \""
            + ALICE.accessKeyId()
            + "\", \"SecretAccessKey\": \""
            + ALICE.secretAccessKey()
            + "\"'\n"
            // Three pipe buffers, within ProcessRunner.OUTPUT_LIMIT.
            + "head -c 200000 /dev/zero | tr '\\0' ' '\nprintf '}'\n");
    Vertx vertx = daemonSizedVertx();
    SessionFixture sts = new SessionFixture(vertx, SimulatorConfig.demo());
    try {
      SessionManager manager =
          sts.start(
              Map.of("dev", viaProcess("dev", "sh " + script, Duration.ofSeconds(8))),
              CodeSource.none(),
              SessionFixture.fastPolicy());

      await(
          Eventually.until(
              vertx,
              () ->
                  !(manager.lookup("dev") instanceof Lookup.Unavailable u)
                      || !u.code().equals("Pending"),
              Duration.ofSeconds(6)));

      assertThat(manager.lookup("dev")).isInstanceOf(Lookup.Available.class);
    } finally {
      sts.close();
      await(vertx.close());
    }
  }

  @Test
  void processPrintingTenMegabytes_isRefusedNamingTheProfileAndTheLimit() throws Exception {
    Vertx vertx = daemonSizedVertx();
    SessionFixture sts = new SessionFixture(vertx, SimulatorConfig.demo());
    try {
      SessionManager manager =
          sts.start(
              Map.of(
                  "dev",
                  viaProcess(
                      "dev",
                      "head -c 10000000 /dev/zero | tr '\\0' ' '; echo '{\"Version\": 1}'",
                      Duration.ofSeconds(20))),
              CodeSource.none(),
              SessionFixture.fastPolicy());

      await(
          Eventually.until(
              vertx,
              () ->
                  manager.lookup("dev") instanceof Lookup.Unavailable u
                      && !u.code().equals("Pending"),
              Duration.ofSeconds(20)));

      assertThat(((Lookup.Unavailable) manager.lookup("dev")).message())
          .contains("credential_process of profile dev printed more than 256 KiB");
    } finally {
      sts.close();
      await(vertx.close());
    }
  }

  @Test
  void fourHungCredentialProcesses_otherProfilesStillGetTheirSessions() throws Exception {
    Vertx vertx = daemonSizedVertx();
    SessionFixture sts = new SessionFixture(vertx, SimulatorConfig.demo());
    ProcessRunner processes = new ProcessRunner(vertx, Map.of());
    try {
      Map<String, Plan> plans = new LinkedHashMap<>();
      for (int i = 1; i <= 4; i++) {
        plans.put("hung-" + i, viaProcess("hung-" + i, "sleep 120", Duration.ofSeconds(60)));
      }
      plans.put("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE)));
      SessionManager manager =
          sts.manager(plans, CodeSource.none(), SessionFixture.fastPolicy())
              .withProcesses(processes);
      await(vertx.deployVerticle(manager));

      await(
          Eventually.until(
              vertx,
              () -> manager.lookup("dev") instanceof Lookup.Available,
              Duration.ofSeconds(15)));

      assertThat(manager.lookup("hung-1")).isInstanceOf(Lookup.Unavailable.class);
      await(vertx.undeploy(manager.deploymentID()));
    } finally {
      processes.stopAll();
      sts.close();
      await(vertx.close());
    }
  }

  @Test
  void processOutlivingItsTimeout_isKilledWithItsDescendants() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Vertx vertx = daemonSizedVertx();
    SessionFixture sts = new SessionFixture(vertx, SimulatorConfig.demo());
    try {
      SessionManager manager =
          sts.start(
              Map.of(
                  "dev",
                  viaProcess(
                      "dev", "sleep 300 & echo $! > " + pidFile + "; wait", Duration.ofSeconds(1))),
              CodeSource.none(),
              SessionFixture.fastPolicy());

      await(
          Eventually.until(
              vertx,
              () ->
                  manager.lookup("dev") instanceof Lookup.Unavailable u
                      && u.message().contains("did not finish within 1 s"),
              Duration.ofSeconds(10)));

      long pid = Long.parseLong(Files.readString(pidFile).strip());
      await(
          Eventually.until(
              vertx,
              () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
              Duration.ofSeconds(5)));
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
    } finally {
      sts.close();
      await(vertx.close());
    }
  }
}

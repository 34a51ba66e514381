package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;

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

/** A profile's mfa_process edited in ~/.aws/config is the command the next prompt runs. */
@ExtendWith(VertxExtension.class)
class MfaProcessReloadTest {

  @TempDir Path home;

  @Test
  void mfaProcessChangedInTheAwsConfig_nextPromptRunsTheNewCommand(Vertx vertx) throws Exception {
    Path first = home.resolve("first-ran");
    Path second = home.resolve("second-ran");
    RunningDaemon running =
        RunningDaemon.prepare(
            vertx,
            home,
            List.of(DemoAccount.MFA_PROFILE),
            Map.of("ROLEKEEPER_MFA_PROMPTS", "process,cli", "ROLEKEEPER_MFA_PROMPTTIMEOUT", "1s"));
    Path config = home.resolve(".aws/config");
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "duration_seconds = 3600\n",
                "duration_seconds = 3600\nmfa_process = touch " + first + "; exit 1\n"));
    try {
      running.startDaemon(vertx);
      await(Eventually.until(vertx, () -> Files.exists(first), Duration.ofSeconds(20)));

      Files.writeString(
          config, Files.readString(config).replace("touch " + first, "touch " + second));

      // The prompt times out after 1 s, the profile is retried (backoffMax 2 s) and prompts again.
      await(Eventually.until(vertx, () -> Files.exists(second), Duration.ofSeconds(30)));
    } finally {
      running.stop();
    }
  }
}

package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.session.SessionStatus;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The refresh settings reach the running daemon's schedule. */
@ExtendWith(VertxExtension.class)
class RefreshSettingsTest {

  @TempDir Path home;

  @Test
  void minRemaining_twentyFiveMinuteSessions_refreshWithFifteenMinutesLeftNotAtHalfLife(Vertx vertx)
      throws Exception {
    String profile = DemoAccount.DEV_PROFILE;
    RunningDaemon running =
        RunningDaemon.prepare(
            vertx,
            home,
            List.of(profile),
            Map.of("ROLEKEEPER_REFRESH_MARGIN", "30m", "ROLEKEEPER_REFRESH_MINREMAINING", "15m"));
    try {
      running.simulator.sessionSecondsOverride(1500);
      running.startDaemon(vertx);
      await(
          Eventually.until(
              vertx,
              () -> running.currentCredentialsOrNull(profile) != null,
              Duration.ofSeconds(20)));

      SessionStatus status = await(running.daemon.sessions().status()).get(0);

      Duration left =
          Duration.between(status.refresh().nextRefresh(), status.refresh().expiration());
      assertThat(left)
          .isBetween(Duration.ofMinutes(15).minusSeconds(1), Duration.ofMinutes(15).plusSeconds(1));
    } finally {
      running.stop();
    }
  }
}

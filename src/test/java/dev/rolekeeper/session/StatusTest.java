package dev.rolekeeper.session;

import static dev.rolekeeper.session.MfaAccount.CAROL;
import static dev.rolekeeper.session.MfaAccount.DEVICE;
import static dev.rolekeeper.session.MfaAccount.roleArn;
import static dev.rolekeeper.session.SessionFixture.ALICE;
import static dev.rolekeeper.session.SessionFixture.DEV;
import static dev.rolekeeper.session.SessionFixture.await;
import static dev.rolekeeper.session.SessionFixture.hop;
import static dev.rolekeeper.session.SessionFixture.keysOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.sandbox.Fault;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Status lines: built on the manager's context whoever asks, and telling a slow STS call from a
 * quiet one.
 */
@ExtendWith(VertxExtension.class)
class StatusTest {

  private SessionFixture sts;

  @AfterEach
  void stop() throws Exception {
    sts.close();
  }

  /** Asks for the status from a context of its own, as the endpoint's event loops do. */
  private static Future<List<SessionStatus>> statusFromAnotherLoop(
      Vertx vertx, SessionManager manager) {
    Context endpointLoop = vertx.getOrCreateContext();
    Promise<List<SessionStatus>> lines = Promise.promise();
    endpointLoop.runOnContext(
        v -> {
          try {
            manager.status().onComplete(lines);
          } catch (RuntimeException e) {
            lines.fail(e);
          }
        });
    return lines.future();
  }

  @Test
  void statusAskedFromAnotherEventLoop_mfaProfileWaitingForACode_isBuiltOnTheManagersContext(
      Vertx vertx) throws Exception {
    sts = new SessionFixture(vertx, MfaAccount.config());
    CodeSource nobodyAnswers =
        (device, profiles, ends, reason) -> Promise.<String>promise().future();
    SessionManager manager =
        sts.start(
            Map.of(
                "ops-a",
                new Plan.MfaSession(hop("ops-a", roleArn("ops-a"), 3600), keysOf(CAROL), DEVICE)),
            nobodyAnswers,
            SessionFixture.fastPolicy());
    await(
        Eventually.until(
            vertx,
            () ->
                manager.lookup("ops-a") instanceof Lookup.Unavailable u
                    && u.code().equals("MfaRequired"),
            Duration.ofSeconds(10)));

    SessionStatus status = await(statusFromAnotherLoop(vertx, manager)).get(0);

    assertThat(status.refresh().state()).isEqualTo("MfaRequired");
    assertThat(status.mfaDevice()).isEqualTo(DEVICE);
  }

  @Test
  void stsCallSlowerThanASecond_statusSaysWaitingForStsSinceItStarted(Vertx vertx)
      throws Exception {
    sts = new SessionFixture(vertx, SimulatorConfig.demo());
    sts.simulator.failNext(Fault.latency(Duration.ofSeconds(4)), 1);
    Instant before = Instant.now();
    SessionManager manager =
        sts.start(
            Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))),
            CodeSource.none(),
            SessionFixture.fastPolicy());

    await(
        Eventually.untilAnswered(
            vertx,
            () -> manager.status().map(lines -> lines.get(0).refresh().lastError() != null),
            Duration.ofSeconds(4)));
    SessionStatus status = await(manager.status()).get(0);

    assertThat(status.refresh().state()).isEqualTo("Refreshing");
    assertThat(status.refresh().lastError()).startsWith("waiting for STS since ");
    Instant since =
        Instant.parse(status.refresh().lastError().substring("waiting for STS since ".length()));
    assertThat(since).isBetween(before.minusSeconds(1), before.plusSeconds(3));
  }
}

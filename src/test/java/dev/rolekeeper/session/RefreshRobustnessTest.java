package dev.rolekeeper.session;

import static dev.rolekeeper.session.SessionFixture.ALICE;
import static dev.rolekeeper.session.SessionFixture.DEV;
import static dev.rolekeeper.session.SessionFixture.READONLY;
import static dev.rolekeeper.session.SessionFixture.await;
import static dev.rolekeeper.session.SessionFixture.hop;
import static dev.rolekeeper.session.SessionFixture.keysOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.Fault;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refreshes that go wrong in unusual ways: a plan that throws, a refresh still running when the
 * session expires.
 */
@ExtendWith(VertxExtension.class)
class RefreshRobustnessTest {

  private Vertx vertx;
  private SessionFixture sts;

  @BeforeEach
  void startSimulator(Vertx vertx) throws Exception {
    this.vertx = vertx;
    sts = new SessionFixture(vertx, SimulatorConfig.demo());
  }

  @AfterEach
  void stop() throws Exception {
    sts.close();
  }

  private static <T> Future<T> within(Future<T> future, Duration limit) throws Exception {
    // A future that never completes is the bug under test: fail on time instead of hanging the
    // suite.
    future
        .toCompletionStage()
        .toCompletableFuture()
        .handle((r, e) -> null)
        .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    return future;
  }

  @Test
  void planThatThrowsAtOnce_refreshedTwice_failsEachTimeWithTheReason() throws Exception {
    // A chained profile whose parent has no session: the plan throws before it returns a future.
    SessionManager manager =
        sts.manager(
            Map.of("readonly", new Plan.Chained(hop("readonly", READONLY, 3600), "gone", null)),
            CodeSource.none(),
            SessionFixture.fastPolicy());
    await(vertx.deployVerticle(manager.holdFirstRefresh()));
    try {
      manager.beginRefreshing();

      Future<AwsCredentials> first = within(manager.refresh("readonly"), Duration.ofSeconds(5));
      Future<AwsCredentials> second = within(manager.refresh("readonly"), Duration.ofSeconds(5));

      assertThat(first.failed()).isTrue();
      assertThat(second.failed()).isTrue();
      assertThat(second.cause()).hasMessageContaining("gone");
      assertThat(manager.lookup("readonly"))
          .isInstanceOfSatisfying(
              Lookup.Unavailable.class, u -> assertThat(u.message()).contains("gone"));
    } finally {
      await(vertx.undeploy(manager.deploymentID()));
    }
  }

  @Test
  void sessionExpiredWhileItsRefreshRuns_requestWaitsForTheRefresh_insteadOf503() throws Exception {
    sts.simulator.sessionSecondsOverride(4);
    SessionManager manager =
        sts.start(
            Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))),
            CodeSource.none(),
            SessionFixture.fastPolicy());
    await(
        Eventually.until(
            vertx,
            () -> manager.lookup("dev") instanceof Lookup.Available,
            Duration.ofSeconds(15)));
    // The next refresh is slow: the held session (4 s) expires while it runs, as when a laptop
    // wakes up.
    sts.simulator.failNext(Fault.latency(Duration.ofMillis(3000)), 1);
    await(
        Eventually.until(
            vertx,
            () ->
                manager.lookup("dev") instanceof Lookup.Unavailable u && u.code().equals("Expired"),
            Duration.ofSeconds(10)));

    Lookup soon = await(manager.lookupSoon("dev"));

    assertThat(soon).isInstanceOf(Lookup.Available.class);
  }
}

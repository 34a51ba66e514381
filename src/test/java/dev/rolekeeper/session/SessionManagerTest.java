package dev.rolekeeper.session;

import static dev.rolekeeper.session.SessionFixture.ADMIN;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SessionManagerTest {

  private Vertx vertx;
  private SessionFixture sts;
  private SessionManager manager;

  @BeforeEach
  void startSimulator(Vertx vertx) throws Exception {
    this.vertx = vertx;
    sts = new SessionFixture(vertx, SimulatorConfig.demo());
  }

  @AfterEach
  void stop() throws Exception {
    sts.close();
  }

  private void start(Map<String, Plan> plans) throws Exception {
    manager = sts.start(plans, CodeSource.none(), SessionFixture.fastPolicy());
  }

  private static AwsCredentials available(Lookup lookup) {
    assertThat(lookup).isInstanceOf(Lookup.Available.class);
    return ((Lookup.Available) lookup).credentials();
  }

  @Test
  void directPlan_started_servesRoleCredentialsTheSimulatorAccepts() throws Exception {
    start(Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))));

    AwsCredentials credentials = available(await(manager.lookupSoon("dev")));

    assertThat(sts.callerArn(credentials))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/dev/test-dev");
    assertThat(credentials.expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(55)));
    assertThat(credentials.accountId()).isEqualTo("111122223333");
    SessionStatus status = await(manager.status()).get(0);
    assertThat(status.refresh().state()).isEqualTo("Fresh");
    // 30 minutes before expiry (the expiry STS reports is whole seconds, so the session is a hair
    // under 1 h).
    assertThat(status.refresh().nextRefresh())
        .isBetween(
            credentials.expiration().minus(Duration.ofMinutes(30)),
            credentials.expiration().minus(Duration.ofMinutes(29)));
  }

  @Test
  void chainedPlan_started_assumesSecondRoleWithTheFirstSession() throws Exception {
    Map<String, Plan> plans = new LinkedHashMap<>();
    plans.put("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE)));
    plans.put("readonly", new Plan.Chained(hop("readonly", READONLY, 3600), "dev", null));
    start(plans);

    AwsCredentials credentials = available(await(manager.lookupSoon("readonly")));

    assertThat(sts.callerArn(credentials))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/readonly/test-readonly");
    assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(2);
  }

  @Test
  void requestBeforeFirstFetchBegins_heldStart_waitsAndGetsCredentials() throws Exception {
    SessionManager held =
        sts.manager(
                Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))),
                CodeSource.none(),
                SessionFixture.fastPolicy())
            .holdFirstRefresh();
    String id = await(vertx.deployVerticle(held));
    try {
      // The daemon's endpoint opens before its sessions begin fetching: a client may ask in
      // between.
      Future<Lookup> early = held.lookupSoon("dev");
      held.beginRefreshing();

      AwsCredentials credentials = available(await(early));

      assertThat(credentials.isTemporary()).isTrue();
      assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(1);
    } finally {
      await(vertx.undeploy(id));
    }
  }

  @Test
  void coldStartStorm_thousandConcurrentRequests_causesOneStsCallAndNoErrors() throws Exception {
    start(Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))));

    List<Future<Lookup>> answers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      answers.add(manager.lookupSoon("dev"));
    }
    await(Future.all(answers));

    assertThat(answers)
        .allSatisfy(answer -> assertThat(answer.result()).isInstanceOf(Lookup.Available.class));
    assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(1);
  }

  @Test
  void shortSessions_clientPollingThroughSeveralLifetimes_neverSeesErrorsOrExpiredKeys()
      throws Exception {
    sts.simulator.sessionSecondsOverride(3);
    start(Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))));
    Set<String> issued = ConcurrentHashMap.newKeySet();
    issued.add(available(await(manager.lookupSoon("dev"))).accessKeyId());
    manager.addListener((profile, credentials) -> issued.add(credentials.accessKeyId()));
    Set<String> keysSeen = ConcurrentHashMap.newKeySet();
    List<String> problems = new ArrayList<>();
    AtomicInteger polls = new AtomicInteger();

    await(
        Eventually.until(
            vertx,
            () -> {
              polls.incrementAndGet();
              Lookup lookup = manager.lookup("dev");
              if (lookup instanceof Lookup.Available a) {
                keysSeen.add(a.credentials().accessKeyId());
                if (a.credentials().isExpiredAt(Instant.now())) {
                  problems.add("served expired credentials");
                }
              } else {
                problems.add(lookup.toString());
              }
              return keysSeen.size() >= 5;
            },
            Duration.ofSeconds(15)));

    assertThat(problems).isEmpty();
    assertThat(polls.get()).isGreaterThan(100);
    // Single-flight, whatever the clock did meanwhile: every AssumeRole call but the one that may
    // still be running gave a session that was published.
    int calls = sts.simulator.calls("AssumeRole");
    assertThat(calls - issued.size()).isBetween(0, 1);
    assertThat(keysSeen).isSubsetOf(issued);
  }

  @Test
  void throttledRefresh_keepsServingOldCredentials_andRecovers() throws Exception {
    start(Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))));
    AwsCredentials first = available(await(manager.lookupSoon("dev")));
    sts.simulator.failNext(Fault.THROTTLE, 3);

    Future<AwsCredentials> refresh = manager.refresh("dev");
    await(refresh.otherwiseEmpty());

    assertThat(refresh.failed()).isTrue();
    assertThat(available(manager.lookup("dev"))).isEqualTo(first);
    assertThat(await(manager.status()).get(0).refresh().state()).isEqualTo("Retrying");
    assertThat(await(manager.status()).get(0).refresh().lastError()).contains("Throttling");
    await(
        Eventually.until(
            vertx, () -> !available(manager.lookup("dev")).equals(first), Duration.ofSeconds(10)));
    assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(5);
    assertThat(await(manager.status()).get(0).refresh().state()).isEqualTo("Fresh");
  }

  @Test
  void serverErrors_duringRefresh_keepServingOldCredentials_andRecover() throws Exception {
    start(Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))));
    AwsCredentials first = available(await(manager.lookupSoon("dev")));
    sts.simulator.failNext(Fault.SERVICE_UNAVAILABLE, 1);
    sts.simulator.failNext(Fault.SERVER_ERROR, 1);
    sts.simulator.failNext(Fault.MALFORMED_XML, 1);

    await(manager.refresh("dev").otherwiseEmpty());

    assertThat(available(manager.lookup("dev"))).isEqualTo(first);
    await(
        Eventually.until(
            vertx, () -> !available(manager.lookup("dev")).equals(first), Duration.ofSeconds(10)));
  }

  @Test
  void outage_duringRefresh_keepsServingOldCredentials_andRecoversWhenStsIsBack() throws Exception {
    start(Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))));
    AwsCredentials first = available(await(manager.lookupSoon("dev")));
    await(sts.simulator.outage(true));

    await(manager.refresh("dev").otherwiseEmpty());

    assertThat(available(manager.lookup("dev"))).isEqualTo(first);
    assertThat(await(manager.status()).get(0).refresh().lastError())
        .contains("could not be reached");
    await(sts.simulator.outage(false));
    await(
        Eventually.until(
            vertx, () -> !available(manager.lookup("dev")).equals(first), Duration.ofSeconds(10)));
  }

  @Test
  void accessDenied_reportsClearlyAndServesNothing() throws Exception {
    start(Map.of("admin", new Plan.Direct(hop("admin", ADMIN, 3600), keysOf(ALICE))));

    Lookup lookup = await(manager.lookupSoon("admin"));

    assertThat(lookup).isInstanceOf(Lookup.Unavailable.class);
    Lookup.Unavailable unavailable = (Lookup.Unavailable) lookup;
    assertThat(unavailable.code()).isEqualTo("AccessDenied");
    assertThat(unavailable.message()).contains("admin").contains("not authorized");
    SessionStatus status = await(manager.status()).get(0);
    assertThat(status.refresh().state()).isEqualTo("Failed");
    assertThat(status.refresh().lastError()).contains("not authorized");
    assertThat(status.refresh().nextRefresh()).isAfter(Instant.now().plusMillis(1000));
    assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(1);
  }

  @Test
  void expiredCredentials_whileStsFails_areNeverServed() throws Exception {
    sts.simulator.sessionSecondsOverride(2);
    start(Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))));
    AwsCredentials first = available(await(manager.lookupSoon("dev")));
    sts.simulator.failNext(Fault.THROTTLE, 10_000);

    await(
        Eventually.until(
            vertx,
            () -> manager.lookup("dev") instanceof Lookup.Unavailable,
            Duration.ofSeconds(6)));

    assertThat(Instant.now()).isAfterOrEqualTo(first.expiration());
    Lookup.Unavailable after = (Lookup.Unavailable) manager.lookup("dev");
    assertThat(after.code()).isEqualTo("Throttling");
  }

  @Test
  void unknownProfile_lookup_isUnknown() throws Exception {
    start(Map.of("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE))));

    assertThat(manager.lookup("nope")).isInstanceOf(Lookup.Unknown.class);
    assertThat(manager.refresh("nope").failed()).isTrue();
  }

  @Test
  void invalidPlan_isReportedWithItsReason_otherProfilesServed() throws Exception {
    Map<String, Plan> plans = new LinkedHashMap<>();
    plans.put("dev", new Plan.Direct(hop("dev", DEV, 3600), keysOf(ALICE)));
    plans.put(
        "broken", new Plan.Invalid("broken", "source_profile loop broken -> broken in /x/config"));
    start(plans);

    available(await(manager.lookupSoon("dev")));
    Lookup broken = await(manager.lookupSoon("broken"));

    assertThat(broken).isInstanceOf(Lookup.Unavailable.class);
    assertThat(((Lookup.Unavailable) broken).message())
        .contains("source_profile loop broken -> broken");
  }
}

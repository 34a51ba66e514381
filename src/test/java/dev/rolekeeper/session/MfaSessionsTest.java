package dev.rolekeeper.session;

import static dev.rolekeeper.session.MfaAccount.CAROL;
import static dev.rolekeeper.session.MfaAccount.DEVICE;
import static dev.rolekeeper.session.MfaAccount.assumedArn;
import static dev.rolekeeper.session.MfaAccount.codeAt;
import static dev.rolekeeper.session.MfaAccount.roleArn;
import static dev.rolekeeper.session.SessionFixture.await;
import static dev.rolekeeper.session.SessionFixture.hop;
import static dev.rolekeeper.session.SessionFixture.keysOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.Totp;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MFA plans against the simulator's TOTP device: the shared GetSessionToken session, refused and
 * reused codes, prompts nobody answers, and when a refresh that needs a code is scheduled.
 */
@ExtendWith(VertxExtension.class)
class MfaSessionsTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private Vertx vertx;
  private SessionFixture sts;
  private SessionManager manager;

  @BeforeEach
  void startSimulator(Vertx vertx) throws Exception {
    this.vertx = vertx;
    sts = new SessionFixture(vertx, MfaAccount.config());
  }

  @AfterEach
  void stop() throws Exception {
    sts.close();
  }

  private void start(Map<String, Plan> plans, CodeSource codes, RefreshPolicy policy)
      throws Exception {
    manager = sts.start(plans, codes, policy);
  }

  private static Plan.MfaSession shared(String profile, String role) {
    return new Plan.MfaSession(hop(profile, roleArn(role), 3600), keysOf(CAROL), DEVICE);
  }

  private static Plan.MfaPerCall perCall(String profile, String role, int seconds) {
    return new Plan.MfaPerCall(hop(profile, roleArn(role), seconds), keysOf(CAROL), DEVICE);
  }

  private void awaitAvailable(String... profiles) throws Exception {
    await(
        Eventually.until(
            vertx,
            () ->
                List.of(profiles).stream()
                    .allMatch(p -> manager.lookup(p) instanceof Lookup.Available),
            WAIT));
  }

  private AwsCredentials held(String profile) {
    return ((Lookup.Available) manager.lookup(profile)).credentials();
  }

  private static RefreshPolicy policy(Duration backoffMax, int mfaSessionSeconds) {
    return new RefreshPolicy(
        Duration.ofMinutes(30),
        Duration.ofMinutes(15),
        RefreshPolicy.backoff(Duration.ofMillis(200), backoffMax),
        Duration.ofMinutes(10),
        mfaSessionSeconds,
        Duration.ofSeconds(3));
  }

  @Test
  void mfaSession_threeProfilesOnOneDevice_oneCodeOneGetSessionTokenThreeRoles() throws Exception {
    Map<String, Plan> plans = new LinkedHashMap<>();
    MfaAccount.ROLES.forEach(role -> plans.put(role, shared(role, role)));
    RecordingCodeSource codes =
        new RecordingCodeSource(n -> Future.succeededFuture(codeAt(Instant.now())));

    start(plans, codes, SessionFixture.fastPolicy());
    awaitAvailable("ops-a", "ops-b", "ops-c");

    assertThat(codes.requests()).hasSize(1);
    assertThat(codes.requests().get(0).device()).isEqualTo(DEVICE);
    assertThat(codes.requests().get(0).profiles()).containsExactly("ops-a", "ops-b", "ops-c");
    assertThat(sts.simulator.calls("GetSessionToken")).isEqualTo(1);
    assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(3);
    for (String role : MfaAccount.ROLES) {
      assertThat(sts.callerArn(held(role))).isEqualTo(assumedArn(role, role));
    }
  }

  @Test
  void wrongCode_refusedBySts_askedAgainWithTheReasonThenServed() throws Exception {
    RecordingCodeSource codes =
        new RecordingCodeSource(
            n ->
                Future.succeededFuture(
                    n == 0 ? MfaAccount.wrongCodeAt(Instant.now()) : codeAt(Instant.now())));

    start(Map.of("ops-a", shared("ops-a", "ops-a")), codes, SessionFixture.fastPolicy());
    awaitAvailable("ops-a");

    assertThat(codes.requests()).hasSize(2);
    assertThat(codes.requests().get(0).reason()).doesNotContain("refused");
    assertThat(codes.requests().get(1).reason()).contains("STS refused the last code");
    assertThat(sts.simulator.calls("GetSessionToken")).isEqualTo(2);
    assertThat(sts.callerArn(held("ops-a"))).isEqualTo(assumedArn("ops-a", "ops-a"));
  }

  @Test
  void reusedCode_twoPerCallProfilesGivenOneCode_stsRefusesTheSecondWhichIsAskedAgain()
      throws Exception {
    // The person types the code they see into both prompts; the re-ask gets the device's next code.
    AtomicReference<Instant> firstAsked = new AtomicReference<>();
    RecordingCodeSource codes =
        new RecordingCodeSource(
            n -> {
              firstAsked.compareAndSet(null, Instant.now());
              Instant shown = n < 2 ? firstAsked.get() : firstAsked.get().plus(Totp.STEP);
              return Future.succeededFuture(codeAt(shown));
            });
    Map<String, Plan> plans = new LinkedHashMap<>();
    plans.put("long-a", perCall("long-a", "ops-a", 7200));
    plans.put("long-b", perCall("long-b", "ops-b", 7200));

    start(plans, codes, SessionFixture.fastPolicy());
    awaitAvailable("long-a", "long-b");

    assertThat(codes.requests()).hasSize(3);
    assertThat(codes.requests().get(2).reason()).contains("STS refused the last code");
    assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(3);
    assertThat(sts.simulator.calls("GetSessionToken")).isZero();
    assertThat(sts.callerArn(held("long-a"))).isEqualTo(assumedArn("ops-a", "long-a"));
    assertThat(sts.callerArn(held("long-b"))).isEqualTo(assumedArn("ops-b", "long-b"));
  }

  @Test
  void promptTimesOut_noCode_mfaRequiredNoStsCallAndAskedAgainOnlyAfterTheBackoff()
      throws Exception {
    RecordingCodeSource codes =
        new RecordingCodeSource(
            n ->
                Future.failedFuture(
                    new CodeSource.MfaUnavailableException(
                        "the prompt for " + DEVICE + " timed out")));
    Duration retry = Duration.ofSeconds(1);

    start(Map.of("ops-a", shared("ops-a", "ops-a")), codes, policy(retry, 12 * 3600));
    await(Eventually.until(vertx, () -> codes.requests().size() >= 2, WAIT));

    Lookup lookup = manager.lookup("ops-a");
    assertThat(lookup).isInstanceOf(Lookup.Unavailable.class);
    assertThat(((Lookup.Unavailable) lookup).code()).isEqualTo("MfaRequired");
    assertThat(((Lookup.Unavailable) lookup).message()).contains("timed out");
    assertThat(sts.simulator.totalCalls()).isZero();
    List<RecordingCodeSource.Request> asked = codes.requests();
    assertThat(Duration.between(asked.get(0).at(), asked.get(1).at()))
        .as("the second prompt waits for the retry delay")
        .isGreaterThanOrEqualTo(retry.minusMillis(100));
    assertThat(asked.size()).as("no prompt loop").isLessThanOrEqualTo(3);
  }

  @Test
  void perCallPlan_nextRefreshNeedsACode_scheduledLeadTimeBeforeTheMargin() throws Exception {
    RecordingCodeSource codes =
        new RecordingCodeSource(n -> Future.succeededFuture(codeAt(Instant.now())));

    start(
        Map.of("long-a", perCall("long-a", "ops-a", 7200)),
        codes,
        policy(Duration.ofSeconds(2), 12 * 3600));
    awaitAvailable("long-a");

    SessionStatus status = await(manager.status()).get(0);
    Instant expiry = held("long-a").expiration();
    assertThat(expiry).isAfter(Instant.now().plus(Duration.ofMinutes(115)));
    assertThat(status.refresh().nextRefresh()).isEqualTo(expiry.minus(Duration.ofMinutes(30 + 10)));
    assertThat(status.refresh().nextCodeNeeded()).isEqualTo(status.refresh().nextRefresh());
  }

  @Test
  void mfaSession_coversTheNextRefresh_noLeadTime() throws Exception {
    RecordingCodeSource codes =
        new RecordingCodeSource(n -> Future.succeededFuture(codeAt(Instant.now())));

    start(
        Map.of("ops-a", shared("ops-a", "ops-a")), codes, policy(Duration.ofSeconds(2), 12 * 3600));
    awaitAvailable("ops-a");

    SessionStatus status = await(manager.status()).get(0);
    Instant expiry = held("ops-a").expiration();
    // Role sessions are whole seconds a hair under 1 h: the refresh comes at (about) expiry - 30
    // min.
    assertThat(status.refresh().nextRefresh())
        .isBetween(expiry.minus(Duration.ofMinutes(30)), expiry.minus(Duration.ofMinutes(29)));
    Instant mfaEnds = await(manager.mfaSessionExpiration(DEVICE));
    assertThat(mfaEnds).isAfter(Instant.now().plus(Duration.ofHours(11)));
    assertThat(status.refresh().nextCodeNeeded()).isEqualTo(mfaEnds.minus(Duration.ofMinutes(10)));
  }

  @Test
  void mfaSession_endsBeforeTheNextRefresh_refreshMovedEarlierByTheLeadTime() throws Exception {
    RecordingCodeSource codes =
        new RecordingCodeSource(n -> Future.succeededFuture(codeAt(Instant.now())));

    // A 15-minute MFA session (STS's minimum) runs out before the role session's refresh at about
    // 30 minutes.
    start(Map.of("ops-a", shared("ops-a", "ops-a")), codes, policy(Duration.ofSeconds(2), 900));
    awaitAvailable("ops-a");

    SessionStatus status = await(manager.status()).get(0);
    Instant expiry = held("ops-a").expiration();
    assertThat(status.refresh().nextRefresh())
        .isBetween(expiry.minus(Duration.ofMinutes(40)), expiry.minus(Duration.ofMinutes(39)));
    assertThat(status.refresh().nextCodeNeeded()).isEqualTo(status.refresh().nextRefresh());
  }
}

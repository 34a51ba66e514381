package dev.rolekeeper.session;

import static dev.rolekeeper.session.SessionFixture.ALICE;
import static dev.rolekeeper.session.SessionFixture.DEV;
import static dev.rolekeeper.session.SessionFixture.READONLY;
import static dev.rolekeeper.session.SessionFixture.await;
import static dev.rolekeeper.session.SessionFixture.hop;
import static dev.rolekeeper.session.SessionFixture.keysOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A reload hands the manager new plans: unchanged sessions are kept, the rest replaced. */
@ExtendWith(VertxExtension.class)
class ReplacePlansTest {

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

  private static Plan dev(int seconds) {
    return new Plan.Direct(hop("dev", DEV, seconds), keysOf(ALICE));
  }

  private static Plan readonly() {
    return new Plan.Chained(hop("readonly", READONLY, 3600), "dev", null);
  }

  private static Map<String, Plan> plans(Plan dev, boolean withReadonly) {
    Map<String, Plan> plans = new LinkedHashMap<>();
    plans.put("dev", dev);
    if (withReadonly) {
      plans.put("readonly", readonly());
    }
    return plans;
  }

  private AwsCredentials startServing(Map<String, Plan> plans) throws Exception {
    manager = sts.start(plans, CodeSource.none(), SessionFixture.fastPolicy());
    for (String profile : plans.keySet()) {
      assertThat(await(manager.lookupSoon(profile))).isInstanceOf(Lookup.Available.class);
    }
    return credentials("dev");
  }

  private AwsCredentials credentials(String profile) {
    Lookup lookup = manager.lookup(profile);
    assertThat(lookup).as(profile).isInstanceOf(Lookup.Available.class);
    return ((Lookup.Available) lookup).credentials();
  }

  @Test
  void replacePlans_equalPlans_keepsSessionsWithoutStsCalls() throws Exception {
    AwsCredentials before = startServing(plans(dev(3600), true));
    AwsCredentials readonlyBefore = credentials("readonly");
    sts.simulator.resetCounters();

    Set<String> touched =
        await(manager.replacePlans(plans(dev(3600), true), Set.of("dev", "readonly")));

    assertThat(touched).isEmpty();
    assertThat(credentials("dev")).isEqualTo(before);
    assertThat(credentials("readonly")).isEqualTo(readonlyBefore);
    assertThat(sts.simulator.totalCalls()).isZero();
  }

  @Test
  void replacePlans_parentChanged_replacesItAndItsChildren() throws Exception {
    AwsCredentials before = startServing(plans(dev(3600), true));
    AwsCredentials readonlyBefore = credentials("readonly");
    sts.simulator.resetCounters();

    Set<String> touched =
        await(manager.replacePlans(plans(dev(1800), true), Set.of("dev", "readonly")));
    await(
        Eventually.until(
            vertx,
            () ->
                manager.lookup("readonly") instanceof Lookup.Available available
                    && !available.credentials().equals(readonlyBefore),
            Duration.ofSeconds(10)));

    assertThat(touched).containsExactly("dev", "readonly");
    assertThat(credentials("dev")).isNotEqualTo(before);
    assertThat(credentials("dev").expiration())
        .isBefore(before.expiration().minus(Duration.ofMinutes(20)));
    assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(2);
  }

  @Test
  void replacePlans_profileRemoved_isNoLongerServedAndOthersKept() throws Exception {
    AwsCredentials before = startServing(plans(dev(3600), true));
    sts.simulator.resetCounters();

    Set<String> touched = await(manager.replacePlans(plans(dev(3600), false), Set.of("dev")));

    assertThat(touched).containsExactly("readonly");
    assertThat(manager.lookup("readonly")).isInstanceOf(Lookup.Unknown.class);
    assertThat(manager.profiles()).containsExactly("dev");
    assertThat(await(manager.status())).extracting(SessionStatus::profile).containsExactly("dev");
    assertThat(credentials("dev")).isEqualTo(before);
    assertThat(sts.simulator.totalCalls()).isZero();
  }

  @Test
  void replacePlans_profileAdded_fetchesOnlyTheNewOne() throws Exception {
    AwsCredentials before = startServing(plans(dev(3600), false));
    sts.simulator.resetCounters();

    Set<String> touched =
        await(manager.replacePlans(plans(dev(3600), true), Set.of("dev", "readonly")));
    AwsCredentials added =
        ((Lookup.Available)
                await(
                    Eventually.until(
                            vertx,
                            () -> manager.lookup("readonly") instanceof Lookup.Available,
                            Duration.ofSeconds(10))
                        .map(v -> manager.lookup("readonly"))))
            .credentials();

    assertThat(touched).containsExactly("readonly");
    assertThat(sts.callerArn(added))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/readonly/test-readonly");
    assertThat(credentials("dev")).isEqualTo(before);
    assertThat(sts.simulator.calls("AssumeRole")).isEqualTo(1);
  }
}

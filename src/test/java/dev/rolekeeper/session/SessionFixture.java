package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.CallerIdentity;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.SdkStsGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A running simulator plus helpers to build sessions against it through the real SDK gateway. */
final class SessionFixture {

  static final String ACCOUNT = "111122223333";
  static final String DEV = "arn:aws:iam::" + ACCOUNT + ":role/dev";
  static final String ADMIN = "arn:aws:iam::" + ACCOUNT + ":role/admin";
  static final String READONLY = "arn:aws:iam::" + ACCOUNT + ":role/readonly";
  static final SimulatorConfig.SimUser ALICE = SimulatorConfig.demo().users().get(0);
  static final SimulatorConfig.SimUser BOB = SimulatorConfig.demo().users().get(1);

  final StsSimulator simulator;
  private final Vertx vertx;
  private SessionManager started;

  SessionFixture(Vertx vertx, SimulatorConfig config) throws Exception {
    this.vertx = vertx;
    simulator = new StsSimulator(config);
    await(simulator.start(vertx, 0));
  }

  /**
   * A manager for {@code plans}, deployed (so its sessions start fetching) and undeployed by {@link
   * #close()}.
   */
  SessionManager start(Map<String, Plan> plans, CodeSource codes, RefreshPolicy policy)
      throws Exception {
    started = manager(plans, codes, policy);
    await(vertx.deployVerticle(started));
    return started;
  }

  /** Undeploys the manager {@link #start} deployed, if any, and stops the simulator. */
  void close() throws Exception {
    if (started != null) {
      await(vertx.undeploy(started.deploymentID()));
    }
    await(simulator.stop());
  }

  static KeySource keysOf(SimulatorConfig.SimUser user) {
    return new KeySource.Static(
        AwsCredentials.longTerm(user.accessKeyId(), user.secretAccessKey()), user.name());
  }

  static RoleHop hop(String profile, String roleArn, int seconds) {
    return new RoleHop(
        profile, roleArn, "test-" + profile, seconds, null, RoleHop.Route.regional("us-east-1"));
  }

  static RefreshPolicy fastPolicy() {
    return new RefreshPolicy(
        Duration.ofMinutes(30),
        Duration.ofMinutes(15),
        RefreshPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(2)),
        Duration.ofMinutes(10),
        12 * 3600,
        // Generous: a loaded build machine can take seconds over the SDK's first STS call, and no
        // test here measures the wait itself.
        Duration.ofSeconds(10));
  }

  SessionManager manager(Map<String, Plan> plans, CodeSource codes, RefreshPolicy policy) {
    return new SessionManager(
        plans,
        Set.copyOf(plans.keySet()),
        new SdkStsGateway(simulator.endpoint(), Duration.ofSeconds(5), AwsNetwork.direct()),
        codes,
        policy,
        Clock.systemUTC());
  }

  /** Signs GetCallerIdentity with {@code credentials}: the simulator verifies the signature. */
  String callerArn(AwsCredentials credentials) {
    return CallerIdentity.arn(simulator, credentials);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}

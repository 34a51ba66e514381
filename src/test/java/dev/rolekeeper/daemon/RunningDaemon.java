package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.http.HttpFront;
import dev.rolekeeper.sandbox.CallerIdentity;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A real daemon (settings loader, AWS files, sessions, endpoint, MFA, sync) against a running STS
 * simulator, on free loopback ports, in a temporary home. The demo account's profiles are served;
 * IMDS is off unless {@link #IMDS_ENABLED} is passed as {@code true} (it then serves the first of
 * the profiles given).
 */
final class RunningDaemon {

  /** The variable that turns IMDS on (it is off by default, as for users). */
  static final String IMDS_ENABLED = "ROLEKEEPER_IMDS_ENABLED";

  final Path home;
  final DemoAccount account;
  final StsSimulator simulator;
  final Map<String, String> env;
  Daemon daemon;

  private RunningDaemon(
      Path home, DemoAccount account, StsSimulator simulator, Map<String, String> env) {
    this.home = home;
    this.account = account;
    this.simulator = simulator;
    this.env = env;
  }

  /**
   * Starts the simulator only; {@link #startDaemon} starts the daemon (so a test can act at
   * start-up).
   */
  static RunningDaemon prepare(
      Vertx vertx, Path home, List<String> profiles, Map<String, String> extraEnv)
      throws Exception {
    return prepare(vertx, home, profiles, extraEnv, List.of());
  }

  /**
   * As {@link #prepare(Vertx, Path, List, Map)}, the simulator also knowing {@code extraRoles}; no
   * profiles given means none named in the settings (every role profile of the files is served).
   */
  static RunningDaemon prepare(
      Vertx vertx,
      Path home,
      List<String> profiles,
      Map<String, String> extraEnv,
      List<SimulatorConfig.SimRole> extraRoles)
      throws Exception {
    return prepare(vertx, home, profiles, extraRoles, null, simulator -> extraEnv);
  }

  /**
   * With the simulator serving HTTPS with {@code tls} (or HTTP when null), and more variables
   * chosen once its port is known.
   */
  static RunningDaemon prepare(
      Vertx vertx,
      Path home,
      List<String> profiles,
      KeyCertOptions tls,
      Function<StsSimulator, Map<String, String>> extraEnv)
      throws Exception {
    return prepare(vertx, home, profiles, List.of(), tls, extraEnv);
  }

  private static RunningDaemon prepare(
      Vertx vertx,
      Path home,
      List<String> profiles,
      List<SimulatorConfig.SimRole> extraRoles,
      KeyCertOptions tls,
      Function<StsSimulator, Map<String, String>> extraEnv)
      throws Exception {
    DemoAccount account = DemoAccount.create();
    account.writeAwsFiles(home.resolve(".aws"), "us-east-1", true);
    SimulatorConfig.Builder config = SimulatorConfig.builder();
    account.config().users().forEach(config::user);
    account.config().roles().forEach(config::role);
    extraRoles.forEach(config::role);
    StsSimulator simulator = new StsSimulator(config.build());
    if (tls != null) {
      simulator.withTls(tls);
    }
    await(simulator.start(vertx, 0));
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    env.put("ROLEKEEPER_STATEDIR", home.resolve("state").toString());
    env.put("ROLEKEEPER_LISTEN_PORT", "0");
    env.put("ROLEKEEPER_LISTEN_IMDSPORT", "0");
    if (!profiles.isEmpty()) {
      env.put("ROLEKEEPER_PROFILES", String.join(",", profiles));
      env.put("ROLEKEEPER_IMDS_PROFILE", profiles.get(0));
    }
    env.put("ROLEKEEPER_REGION", "us-east-1");
    env.put("ROLEKEEPER_STS_ENDPOINT", simulator.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SSO", simulator.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SSO_OIDC", simulator.endpoint().toString());
    env.put("ROLEKEEPER_REFRESH_BACKOFFINITIAL", "PT0.2S");
    env.put("ROLEKEEPER_REFRESH_BACKOFFMAX", "2s");
    env.put("ROLEKEEPER_MFA_PROMPTS", "web,cli");
    env.putAll(extraEnv.apply(simulator));
    return new RunningDaemon(home, account, simulator, Map.copyOf(env));
  }

  /** This daemon-to-be with {@code extra} added to its environment; before {@link #startDaemon}. */
  RunningDaemon withEnv(Map<String, String> extra) {
    Map<String, String> merged = new HashMap<>(env);
    merged.putAll(extra);
    return new RunningDaemon(home, account, simulator, Map.copyOf(merged));
  }

  RunningDaemon startDaemon(Vertx vertx) throws Exception {
    Path settingsFile = home.resolve("settings.yaml");
    if (!Files.exists(settingsFile)) {
      Files.writeString(settingsFile, "# test settings come from the environment\n");
    }
    Settings settings = await(SettingsLoader.loadOnce(vertx, Optional.of(settingsFile), env));
    daemon = await(Daemon.start(vertx, settings, env, new HttpFront(vertx)));
    return this;
  }

  String containerUri(String profile) {
    return "http://127.0.0.1:" + daemon.port() + "/v1/credentials/" + profile;
  }

  /**
   * Signs GetCallerIdentity with what {@code provider} resolves; the simulator verifies the
   * signature.
   */
  String callerArn(AwsCredentialsProvider provider) {
    return CallerIdentity.arn(simulator, provider);
  }

  AwsCredentials currentCredentials(String profile) {
    return ((Lookup.Available) daemon.sessions().lookup(profile)).credentials();
  }

  AwsCredentials currentCredentialsOrNull(String profile) {
    return daemon.sessions().lookup(profile) instanceof Lookup.Available a ? a.credentials() : null;
  }

  void stop() throws Exception {
    if (daemon != null) {
      await(daemon.stop());
    }
    await(simulator.stop());
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

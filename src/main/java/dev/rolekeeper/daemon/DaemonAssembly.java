package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.http.EndpointDeployment;
import dev.rolekeeper.http.EndpointOptions;
import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.StsTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a planned daemon up, in the order its parts need each other: sessions deployed but holding
 * their first refresh, the endpoint serving, then refreshing, reloading and the state file the CLI
 * finds it by.
 */
final class DaemonAssembly {

  // Logged under the daemon's name: it is part of the daemon's start-up, whoever does the work.
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Vertx vertx;
  private final Settings settings;
  private final Map<String, String> env;
  private final UserPaths locations;
  private final Path stateDir;
  private final String region;
  private final SsoWiring sso;
  private final ProcessRunner processes;
  private final UnservedStatus unserved = new UnservedStatus();

  DaemonAssembly(
      Vertx vertx,
      Settings settings,
      Map<String, String> env,
      UserPaths locations,
      Path stateDir,
      String region,
      SsoWiring sso,
      ProcessRunner processes) {
    this.vertx = vertx;
    this.settings = settings;
    this.env = env;
    this.locations = locations;
    this.stateDir = stateDir;
    this.region = region;
    this.sso = sso;
    this.processes = processes;
  }

  /**
   * Wires and deploys everything planned in {@code startup}; {@code lock} passes to the daemon,
   * which releases it on stop. On failure the caller still owns the lock.
   */
  Future<Daemon> start(StartupPlan startup, InstanceLock lock) {
    ServedPlans planned = startup.planned();
    unserved.set(planned.notServed());
    ReloadErrors errors = new ReloadErrors(java.time.Clock.systemUTC());
    if (startup.filesError() != null) {
      errors.failed(ReloadErrors.AWS_FILES, startup.filesError());
    }
    PromptWiring prompts = PromptWiring.create(vertx, settings, planned, processes);
    SessionWiring core =
        SessionWiring.create(
            vertx, settings, locations, planned, prompts, sso, processes, AwsNetwork.from(env));
    List<String> served = planned.served();
    EndpointOptions options = endpointOptions(served);
    Future<Void> stsReady = core.prepareSts(vertx, planned);
    SessionManager sessions = core.sessions();
    return vertx
        .deployVerticle(sessions.holdFirstRefresh())
        .compose(id -> vertx.executeBlocking(() -> TokenStore.open(stateDir), false))
        .compose(
            tokens ->
                EndpointDeployment.deploy(
                        vertx,
                        options,
                        sessions,
                        tokens,
                        DaemonTuning.ENDPOINT_INSTANCES,
                        DaemonAddOns.of(prompts, sso, core.sync(), unserved, errors))
                    .compose(endpoint -> stsReady.map(endpoint))
                    .compose(
                        endpoint -> serve(startup, lock, prompts, core, tokens, endpoint, errors)))
        .onSuccess(
            daemon -> {
              LOG.info(
                  "rolekeeper serving {} profile(s) {} on http://{}:{}/",
                  served.size(),
                  served,
                  options.host(),
                  daemon.port());
              logImds(daemon.imds());
              // The route of the daemon's own region; `status` gives each profile's (ca_bundle).
              LOG.info(
                  "STS calls in {}: {}",
                  region,
                  core.gateway().describeNetwork(StsTarget.regional(region), null));
            });
  }

  /** Loud when IMDS is on: what it serves is open to every process of this user. */
  private static void logImds(ImdsRole imds) {
    if (imds.port() > 0) {
      LOG.warn(imds.summary());
    } else {
      LOG.info(imds.summary());
    }
  }

  private EndpointOptions endpointOptions(List<String> served) {
    return new EndpointOptions(
            settings.listen().bindAddress(),
            settings.listen().port(),
            settings.listen().imdsPort(),
            ImdsChoice.of(settings.imds().enabled(), settings.imds().profile(), served),
            region,
            stateDir)
        .withAllowUids(settings.listen().allowUids());
  }

  /** With the endpoint up and the STS clients ready: refresh, reload, and tell the CLI. */
  private Future<Daemon> serve(
      StartupPlan startup,
      InstanceLock lock,
      PromptWiring prompts,
      SessionWiring core,
      TokenStore tokens,
      EndpointDeployment endpoint,
      ReloadErrors errors) {
    prompts.servedOn(endpoint.port());
    core.sessions().beginRefreshing();
    ReloadWiring reload =
        ReloadWiring.start(
            vertx, settings, env, region, startup, core, prompts, sso, endpoint, unserved, errors);
    Daemon daemon =
        new Daemon(
            vertx,
            stateDir,
            lock,
            core,
            tokens,
            endpoint,
            prompts.mfa(),
            region,
            reload,
            sso,
            processes);
    DaemonInfo info =
        new DaemonInfo(ProcessHandle.current().pid(), endpoint.port(), endpoint.imdsPort(), region);
    return vertx.executeBlocking(
        () -> {
          info.write(stateDir);
          return daemon;
        },
        false);
  }
}

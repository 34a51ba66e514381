package dev.rolekeeper.service;

import dev.rolekeeper.config.Locations;
import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsWatcher;
import dev.rolekeeper.credfile.CredentialsSync;
import dev.rolekeeper.credfile.SyncSettings;
import dev.rolekeeper.credfile.SyncStatus;
import dev.rolekeeper.endpoint.DaemonInfo;
import dev.rolekeeper.endpoint.EndpointAddOns;
import dev.rolekeeper.endpoint.EndpointDeployment;
import dev.rolekeeper.endpoint.EndpointOptions;
import dev.rolekeeper.endpoint.TokenStore;
import dev.rolekeeper.mfa.MfaSettings;
import dev.rolekeeper.mfa.MfaWiring;
import dev.rolekeeper.mfa.PromptedCodes;
import dev.rolekeeper.mfapage.MfaPage;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.profiles.AwsFileLocations;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.session.RefreshPolicy;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.sso.SsoWiring;
import dev.rolekeeper.sts.SdkStsGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon, assembled from the settings: the AWS profiles planned into sessions, the MFA
 * prompts, the HTTP endpoints, the credentials-file sync, and the state files the CLI uses to find
 * it.
 *
 * <p>{@link #start} is the one place that wires the features together; {@link #stop} undoes it in
 * reverse order.
 */
public final class Daemon {

  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  private static final Duration CREDENTIAL_PROCESS_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration COLD_START_WAIT = Duration.ofMillis(1500);
  private static final String DEFAULT_REGION = "us-east-1";

  /**
   * How often the AWS files are checked for changes (the settings file has its own scan, in the
   * loader).
   */
  private static final Duration AWS_FILES_SCAN_PERIOD = Duration.ofSeconds(5);

  /**
   * Endpoint instances: one per core on the 2-core machines we size for; the event loops are shared
   * anyway.
   */
  private static final int ENDPOINT_INSTANCES =
      Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  /**
   * Blocking work is a few STS calls, file writes and prompt commands at a time; every idle thread
   * costs memory.
   */
  private static final int WORKER_THREADS = 4;

  private final Vertx vertx;
  private final Path stateDir;
  private final InstanceLock lock;
  private final SessionManager sessions;
  private final TokenStore tokens;
  private final EndpointDeployment endpoint;
  private final MfaWiring mfa;
  private final CredentialsSync sync;
  private final String region;
  private final Reloader reloader;
  private final AwsFilesWatcher awsFiles;
  private final SsoWiring sso;
  private final ProcessRunner processes;

  private Daemon(
      Vertx vertx,
      Path stateDir,
      InstanceLock lock,
      SessionManager sessions,
      TokenStore tokens,
      EndpointDeployment endpoint,
      MfaWiring mfa,
      CredentialsSync sync,
      String region,
      Reloader reloader,
      AwsFilesWatcher awsFiles,
      SsoWiring sso,
      ProcessRunner processes) {
    this.sso = sso;
    this.processes = processes;
    this.vertx = vertx;
    this.stateDir = stateDir;
    this.lock = lock;
    this.sessions = sessions;
    this.tokens = tokens;
    this.endpoint = endpoint;
    this.mfa = mfa;
    this.sync = sync;
    this.region = region;
    this.reloader = reloader;
    this.awsFiles = awsFiles;
  }

  /**
   * The Vert.x a daemon runs on: one event loop per endpoint instance and a small worker pool,
   * because an idle daemon's memory is mostly threads and classes, and its work is light.
   */
  public static Vertx newVertx() {
    return Vertx.vertx(
        new VertxOptions()
            .setEventLoopPoolSize(ENDPOINT_INSTANCES)
            .setWorkerPoolSize(WORKER_THREADS)
            .setInternalBlockingPoolSize(WORKER_THREADS));
  }

  /**
   * Loads and initialises the AWS SDK's STS client classes on a worker thread (a throw-away client,
   * no call made), so that this, the largest part of start-up, runs beside reading the settings
   * instead of after it. Never fails.
   */
  public static Future<Void> preloadSts(Vertx vertx) {
    return vertx
        .<Void>executeBlocking(
            () -> {
              SdkStsGateway gateway = new SdkStsGateway(null, Duration.ofSeconds(10));
              try {
                gateway.prepare(List.of(DEFAULT_REGION));
              } finally {
                gateway.close();
              }
              return null;
            },
            false)
        .otherwise(
            failure -> {
              LOG.debug(
                  "preloading the STS client failed (the first real one will load it): {}",
                  failure.toString());
              return null;
            });
  }

  /**
   * Starts a daemon for {@code settings}. Fails with {@link AlreadyRunningException} when another
   * daemon holds the state directory, or with an exception whose message says what to fix.
   *
   * @param env the environment (AWS_* file locations, HOME, XDG_*, AWS_ENDPOINT_URL_STS)
   */
  public static Future<Daemon> start(Vertx vertx, Settings settings, Map<String, String> env) {
    Locations locations = new Locations(env);
    Path stateDir = locations.stateDir(settings);
    String region = settings.region().orElse(DEFAULT_REGION);
    ProcessRunner processes = new ProcessRunner(vertx, Map.of());
    SsoWiring sso = SsoWiring.create(vertx, env, settings.mfa().leadTime(), processes);
    return vertx
        .executeBlocking(() -> InstanceLock.acquire(stateDir), false)
        .compose(
            lock ->
                vertx
                    .executeBlocking(
                        () -> new Assembly(settings, env, region, sso, processes).plan(), false)
                    .compose(assembly -> assembly.start(vertx, settings, locations, stateDir, lock))
                    .onFailure(failure -> lock.closeQuietly()));
  }

  public int port() {
    return endpoint.port();
  }

  public int imdsPort() {
    return endpoint.imdsPort();
  }

  public Path stateDir() {
    return stateDir;
  }

  public String region() {
    return region;
  }

  public SessionManager sessions() {
    return sessions;
  }

  public TokenStore tokens() {
    return tokens;
  }

  public MfaWiring mfa() {
    return mfa;
  }

  public List<SyncStatus> syncStatus() {
    return sync.status();
  }

  /**
   * Applies new settings (from {@link SettingsWatcher}): a changed profile list is re-planned,
   * keeping the sessions of unchanged profiles; settings that need a restart are logged as such.
   * Never fails: a change that cannot be applied is logged as one error line and the daemon carries
   * on as before.
   */
  public Future<Void> applySettings(Settings settings) {
    return reloader.settingsChanged(settings);
  }

  /**
   * Stops serving, kills every child process, cancels every timer, removes synced sections if asked
   * to, and releases the state directory.
   */
  public Future<Void> stop() {
    awsFiles.stop();
    sso.close();
    // Dialogs, mfa_process and credential_process commands die with the daemon, whatever they were
    // doing.
    processes.stopAll();
    DaemonInfo.remove(stateDir);
    return endpoint
        .undeploy(vertx)
        .compose(done -> vertx.undeploy(sessions.deploymentID()))
        .compose(done -> sync.shutdown())
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      lock.closeQuietly();
                      return null;
                    },
                    false))
        .mapEmpty();
  }

  /** What start-up computes off the event loop before anything is deployed. */
  private static final class Assembly {
    private final Settings settings;
    private final Map<String, String> env;
    private final String region;
    private final SsoWiring sso;
    private final ProcessRunner processes;
    private ServedPlans planned;
    private String filesSeen;

    Assembly(
        Settings settings,
        Map<String, String> env,
        String region,
        SsoWiring sso,
        ProcessRunner processes) {
      this.sso = sso;
      this.processes = processes;
      this.settings = settings;
      this.env = env;
      this.region = region;
    }

    /** Reads the AWS files and plans every served profile (blocking). */
    Assembly plan() {
      try {
        filesSeen = AwsFilesWatcher.fingerprint(AwsFileLocations.fromEnvironment(env));
      } catch (IOException e) {
        filesSeen = "unreadable";
      }
      try {
        planned =
            ServedPlans.read(settings, env, region, CREDENTIAL_PROCESS_TIMEOUT, sso.sessions());
      } catch (ProfileException e) {
        // Served as errors until the files are fixed: the watcher re-plans when they change.
        LOG.error("{}", e.getMessage());
        planned = ServedPlans.allInvalid(settings.profiles(), e.getMessage());
      }
      if (planned.served().isEmpty()) {
        LOG.warn(
            "no profiles to serve: {} has no role profiles and the settings name none",
            AwsFileLocations.fromEnvironment(env).configFile());
      }
      return this;
    }

    Future<Daemon> start(
        Vertx vertx, Settings settings, Locations locations, Path stateDir, InstanceLock lock) {
      AtomicInteger port = new AtomicInteger();
      MfaSettings mfaSettings = MfaSettings.from(settings.mfa(), planned.deviceProcesses());
      // Profiles' mfa_process commands are looked up at each prompt, so a reload of the AWS files
      // changes them.
      AtomicReference<Map<String, String>> deviceProcesses =
          new AtomicReference<>(planned.deviceProcesses());
      MfaWiring mfa =
          MfaWiring.create(
              vertx,
              mfaSettings,
              processes,
              device ->
                  Optional.ofNullable(deviceProcesses.get().get(device))
                      .filter(c -> !c.isBlank())
                      .or(mfaSettings::mfaProcess));
      MfaPage page = new MfaPage(mfa.prompts(), port::get);
      mfa.useWebLinks(page.linkSource());
      boolean processWay =
          mfaSettings.hasProcess() && mfaSettings.ways().contains(PromptWay.PROCESS);
      List<String> served = planned.served();
      SdkStsGateway gateway =
          new SdkStsGateway(
              locations.stsEndpoint(settings).orElse(null), settings.sts().callTimeout());
      SessionManager sessions =
          new SessionManager(
                  planned.plans(),
                  new LinkedHashSet<>(served),
                  gateway,
                  new PromptedCodes(mfa.prompts()),
                  RefreshPolicy.from(settings, COLD_START_WAIT),
                  Clock.systemUTC())
              .withProcesses(processes);
      CredentialsSync sync =
          new CredentialsSync(
              vertx, SyncSettings.from(settings.sync(), locations.syncFile(settings)));
      sessions.addListener(sync::sessionRefreshed);
      sso.sessions().onSignedIn(name -> refreshWaiting(sessions));
      String imdsProfile =
          settings.imds().profile().orElse(served.isEmpty() ? null : served.get(0));
      EndpointOptions options =
          new EndpointOptions(
              settings.listen().bindAddress(),
              settings.listen().port(),
              settings.listen().imdsPort(),
              imdsProfile,
              region,
              stateDir);
      List<String> regions =
          planned.plans().values().stream().map(plan -> plan.hop().region()).toList();
      // The STS clients are built while the endpoint opens (on 2 cores, side by side); the first
      // fetch starts when
      // both are ready, so it pays neither the SDK's start-up nor the deployment's.
      Future<Void> stsReady =
          vertx.executeBlocking(
              () -> {
                gateway.prepare(regions);
                return null;
              },
              false);
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
                          ENDPOINT_INSTANCES,
                          addOns(mfa, page, sync))
                      .compose(endpoint -> stsReady.map(endpoint))
                      .compose(
                          endpoint -> {
                            port.set(endpoint.port());
                            sessions.beginRefreshing();
                            Reloader reloader =
                                new Reloader(
                                    vertx,
                                    sessions,
                                    env,
                                    region,
                                    CREDENTIAL_PROCESS_TIMEOUT,
                                    settings,
                                    planned,
                                    sso.sessions(),
                                    new Reloader.Effects(
                                        sync::profileDropped,
                                        endpoint.imdsRole()::set,
                                        processWay ? deviceProcesses::set : null));
                            AwsFilesWatcher awsFiles =
                                AwsFilesWatcher.start(
                                    vertx,
                                    AwsFileLocations.fromEnvironment(env),
                                    AWS_FILES_SCAN_PERIOD,
                                    filesSeen,
                                    reloader::awsFilesChanged);
                            Daemon daemon =
                                new Daemon(
                                    vertx, stateDir, lock, sessions, tokens, endpoint, mfa, sync,
                                    region, reloader, awsFiles, sso, processes);
                            DaemonInfo info =
                                new DaemonInfo(
                                    ProcessHandle.current().pid(),
                                    endpoint.port(),
                                    endpoint.imdsPort(),
                                    region);
                            return vertx.executeBlocking(
                                () -> {
                                  info.write(stateDir);
                                  return daemon;
                                },
                                false);
                          }))
          .onSuccess(
              daemon ->
                  LOG.info(
                      "rolekeeper serving {} profile(s) {} on http://{}:{}/ (IMDSv2 on port {})",
                      served.size(),
                      served,
                      options.host(),
                      daemon.port(),
                      daemon.imdsPort()));
    }

    /**
     * After a sign-in: every served profile without valid credentials tries again now, not after
     * its backoff.
     */
    private static void refreshWaiting(SessionManager sessions) {
      sessions.profiles().stream()
          .filter(
              profile -> !(sessions.lookup(profile) instanceof SessionDirectory.Lookup.Available))
          .forEach(sessions::refresh);
    }

    private EndpointAddOns addOns(MfaWiring mfa, MfaPage page, CredentialsSync sync) {
      return new EndpointAddOns(
          page.pageHandler(),
          page.submitHandler(),
          mfa.controlHandler(),
          sso.loginHandler(),
          () ->
              new JsonObject()
                  .put("ssoSessions", sso.statusJson())
                  .put("mfaPrompts", mfa.prompts().statusJson())
                  .put("sync", sync.statusJson()));
    }
  }
}

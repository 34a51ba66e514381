package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsException;
import dev.rolekeeper.config.SettingsWatcher;
import dev.rolekeeper.credfile.CredentialsSync;
import dev.rolekeeper.credfile.SyncStatus;
import dev.rolekeeper.http.EndpointDeployment;
import dev.rolekeeper.mfa.MfaWiring;
import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.process.BrowserHandoff;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.session.SessionManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running daemon, assembled from the settings: the AWS profiles planned into sessions, the MFA
 * prompts, the HTTP endpoints, the credentials-file sync, and the state files the CLI uses to find
 * it.
 *
 * <p>{@link #start} is the one entry that brings the features up together (the wiring itself is in
 * {@link DaemonAssembly}); {@link #stop} undoes it in reverse order.
 */
public final class Daemon {

  private static final String NETTY_JFR = "io.netty.jfr.enabled";
  private static final String NETTY_LEAK_DETECTION = "io.netty.leakDetection.level";
  private static final String VERTX_DNS_RESOLVER_OFF = "vertx.disableDnsResolver";

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
  private final ReloadErrors reloadErrors;
  private final AwsFilesWatcher awsFiles;
  private final SsoWiring sso;
  private final ProcessRunner processes;

  Daemon(
      Vertx vertx,
      Path stateDir,
      InstanceLock lock,
      SessionWiring core,
      TokenStore tokens,
      EndpointDeployment endpoint,
      MfaWiring mfa,
      String region,
      ReloadWiring reload,
      SsoWiring sso,
      ProcessRunner processes) {
    this.sso = sso;
    this.processes = processes;
    this.vertx = vertx;
    this.stateDir = stateDir;
    this.lock = lock;
    this.sessions = core.sessions();
    this.tokens = tokens;
    this.endpoint = endpoint;
    this.mfa = mfa;
    this.sync = core.sync();
    this.region = region;
    this.reloader = reload.reloader();
    this.reloadErrors = reload.errors();
    this.awsFiles = reload.awsFiles();
  }

  /**
   * The Vert.x a daemon runs on: one event loop per endpoint instance and a small worker pool,
   * because an idle daemon's memory is mostly threads and classes, and its work is light; and a
   * blocked-thread check every {@link DaemonTuning#BLOCKED_THREAD_CHECK} rather than every second
   * (tests keep their own, stricter Vert.x); and Netty loops that sleep while idle ({@link
   * IdleLoops}).
   */
  public static Vertx newVertx() {
    withoutUnusedMachinery();
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(DaemonTuning.ENDPOINT_INSTANCES)
                .setWorkerPoolSize(DaemonTuning.WORKER_THREADS)
                .setInternalBlockingPoolSize(DaemonTuning.WORKER_THREADS)
                .setBlockedThreadCheckInterval(DaemonTuning.BLOCKED_THREAD_CHECK.toMillis())
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    IdleLoops.letSleep(vertx);
    return vertx;
  }

  /**
   * Three things a running daemon never uses. Netty's pooled allocator emits Java Flight Recorder
   * events; the first buffer it hands out loads those event classes, and loading an event class
   * starts JFR's machinery (some 100 classes and bytecode generated on the spot): about a quarter
   * of a second on the event loop that answers the first request. Netty's buffer-leak detector
   * tracks a sample of all buffers, a developer's aid that cost serving some 20% of its requests
   * per second ({@code bench/serve}). And Vert.x's own DNS resolver (some 80 classes, loaded with
   * Vert.x): the daemon only listens on loopback, and its STS and SSO calls resolve names through
   * the SDK's HTTP client and the JDK, so Vert.x resolves at most its listen host, with the JDK's
   * resolver instead. Set before Netty and Vert.x are loaded; a value given with {@code -D} wins
   * (the tests' Vert.x instances keep the defaults).
   */
  private static void withoutUnusedMachinery() {
    Map.of(NETTY_JFR, "false", NETTY_LEAK_DETECTION, "disabled", VERTX_DNS_RESOLVER_OFF, "true")
        .forEach(
            (property, value) -> {
              if (System.getProperty(property) == null) {
                System.setProperty(property, value);
              }
            });
  }

  /**
   * Starts loading and initialising the AWS SDK's STS client classes on a thread of its own (a
   * throw-away client, no call made), so that this, the largest part of start-up, runs beside
   * building Vert.x and reading the settings instead of after them. Call first; never fails.
   */
  public static void preloadSts() {
    StsPreload.start();
  }

  /**
   * Starts a daemon for {@code settings}. Fails with {@link AlreadyRunningException} when another
   * daemon holds the state directory, or with an exception whose message says what to fix.
   *
   * @param env the environment (AWS_* file locations, HOME, XDG_*, AWS_ENDPOINT_URL_STS, the proxy
   *     variables and AWS_CA_BUNDLE, read from here and never from the process)
   */
  public static Future<Daemon> start(Vertx vertx, Settings settings, Map<String, String> env) {
    UserPaths locations = UserPaths.of(env);
    Path stateDir = locations.stateDir(settings.stateDir());
    String region = settings.region().orElse(DaemonTuning.DEFAULT_REGION);
    StsPreload.tls(vertx, stsEndpoint(locations, settings));
    ProcessRunner processes =
        new ProcessRunner(
            vertx,
            Map.of(),
            new BrowserHandoff(
                vertx, stateDir.resolve(BrowserHandoff.DIRECTORY), BrowserHandoff.LIFETIME));
    SsoWiring sso = SsoWiring.create(vertx, env, settings.mfa().leadTime(), processes);
    DaemonAssembly assembly =
        new DaemonAssembly(vertx, settings, env, locations, stateDir, region, sso, processes);
    return vertx
        .executeBlocking(
            () -> {
              InstanceLock lock = InstanceLock.acquire(stateDir);
              processes.browser().clear(); // what an earlier run left for the browser
              return lock;
            },
            false)
        .compose(
            lock ->
                vertx
                    .executeBlocking(
                        () -> StartupPlan.read(settings, env, region, sso.sessions()), false)
                    .compose(startup -> assembly.start(startup, lock))
                    .onFailure(failure -> lock.closeQuietly()));
  }

  /** The STS endpoint override; null for AWS's, and for a bad one (assembling reports it). */
  private static URI stsEndpoint(UserPaths locations, Settings settings) {
    try {
      return settings.sts().effectiveEndpoint(locations.env()).orElse(null);
    } catch (SettingsException e) {
      return null;
    }
  }

  public int port() {
    return endpoint.port();
  }

  /** The IMDS port, or 0 when IMDS is off (no port opened). */
  public int imdsPort() {
    return endpoint.imdsPort();
  }

  /** What IMDS serves and whether its port is open. */
  public ImdsRole imds() {
    return endpoint.imdsRole();
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
   * The settings file was read again ({@link SettingsWatcher}): {@code reason} why it was refused
   * (the previous settings stay), or null when it was read without error. Shown by {@code status}
   * until the file is read without one.
   */
  public void settingsRefused(String reason) {
    if (reason == null) {
      reloadErrors.succeeded(ReloadErrors.SETTINGS);
    } else {
      reloadErrors.failed(ReloadErrors.SETTINGS, reason);
    }
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
                      processes.browser().clear();
                      lock.closeQuietly();
                      return null;
                    },
                    false))
        .mapEmpty();
  }
}

package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Locations;
import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsException;
import dev.rolekeeper.config.SettingsWatcher;
import dev.rolekeeper.credfile.CredentialsSync;
import dev.rolekeeper.credfile.SyncSettings;
import dev.rolekeeper.credfile.SyncStatus;
import dev.rolekeeper.mfa.MfaPrompting;
import dev.rolekeeper.mfa.MfaSettings;
import dev.rolekeeper.mfa.PromptedCodes;
import dev.rolekeeper.process.BrowserHandoff;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.profiles.AwsFileLocations;
import dev.rolekeeper.session.Plan;
import dev.rolekeeper.session.RefreshPolicy;
import dev.rolekeeper.session.RoleHop;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.sso.IdentityCenter;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.SdkStsGateway;
import dev.rolekeeper.sts.StsTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon, and the one place it is built. {@link #start} takes the state directory's
 * lock, reads the AWS files, and builds every part in the order they need each other, each given
 * what it needs in its constructor: processes, IAM Identity Center, MFA prompting, the STS gateway,
 * the sessions, the credentials-file sync, the reloader. It then deploys the sessions (holding
 * their first refresh), opens the {@link Front}, begins refreshing, watches the AWS files and
 * writes {@code daemon.json}. {@link #stop} undoes it in reverse order.
 */
public final class Daemon {

  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Vertx vertx;
  private final Map<String, String> env;
  private final Settings settings;
  private final Path stateDir;
  private final String region;
  private final InstanceLock lock;
  private final ProcessRunner processes;
  private final IdentityCenter sso;
  private final StartupPlan startup;
  private final Listening listening;
  private final TokenStore tokens;
  private final ImdsRole imds;
  private final UnservedStatus unserved = new UnservedStatus();
  private final ReloadErrors reloadErrors = new ReloadErrors(Clock.systemUTC());
  private final MfaPrompting mfa;
  private final SdkStsGateway gateway;
  private final SessionManager sessions;
  private final CredentialsSync sync;
  private final Reloader reloader;
  // Set as start-up reaches them, on the start-up chain; read by stop.
  private volatile Front.Open front;
  private volatile AwsFilesWatcher awsFiles;

  /** Builds every part (blocking: reads the AWS files, probes ports, opens the token store). */
  private Daemon(
      Vertx vertx,
      Settings settings,
      Map<String, String> env,
      Locations locations,
      Path stateDir,
      InstanceLock lock,
      ProcessRunner processes,
      IdentityCenter sso)
      throws IOException {
    this.vertx = vertx;
    this.env = env;
    this.settings = settings;
    this.stateDir = stateDir;
    this.region = settings.region().orElse(DaemonTuning.DEFAULT_REGION);
    this.lock = lock;
    this.processes = processes;
    this.sso = sso;
    this.startup = StartupPlan.read(settings, env, region, sso.sessions());
    ServedPlans planned = startup.planned();
    unserved.set(planned.notServed());
    if (startup.filesError() != null) {
      reloadErrors.failed(ReloadErrors.AWS_FILES, startup.filesError());
    }
    this.listening = Listening.resolve(settings.listen(), settings.imds().enabled());
    this.tokens = TokenStore.open(stateDir);
    this.imds =
        new ImdsRole(
            ImdsChoice.of(settings.imds().enabled(), settings.imds().profile(), planned.served()),
            listening.host());
    MfaSettings mfaSettings = MfaSettings.from(settings.mfa(), planned.deviceProcesses());
    // Profiles' mfa_process commands are looked up at each prompt, so a reload changes them.
    AtomicReference<Map<String, String>> deviceProcesses =
        new AtomicReference<>(planned.deviceProcesses());
    this.mfa =
        MfaPrompting.create(
            vertx,
            mfaSettings,
            processes,
            device ->
                Optional.ofNullable(deviceProcesses.get().get(device))
                    .filter(command -> !command.isBlank())
                    .or(mfaSettings::mfaProcess),
            listening.port());
    // AWS_ENDPOINT_URL_STS is a profile's setting like the others (the plans carry it).
    this.gateway =
        new SdkStsGateway(
            settings.sts().endpoint().orElse(null),
            settings.sts().callTimeout(),
            AwsNetwork.from(env));
    this.sessions =
        new SessionManager(
                planned.plans(),
                new LinkedHashSet<>(planned.served()),
                gateway,
                new PromptedCodes(mfa.prompts()),
                RefreshPolicy.from(settings, DaemonTuning.COLD_START_WAIT),
                Clock.systemUTC())
            .withProcesses(processes);
    this.sync =
        new CredentialsSync(
            vertx, SyncSettings.from(settings.sync(), locations.syncFile(settings)));
    sessions.addListener(sync::sessionRefreshed);
    sso.sessions().onSignedIn(name -> refreshWaiting());
    boolean processWay = mfaSettings.hasProcess() && mfaSettings.ways().contains(PromptWay.PROCESS);
    this.reloader =
        new Reloader(
            vertx,
            sessions,
            env,
            region,
            DaemonTuning.CREDENTIAL_PROCESS_TIMEOUT,
            settings,
            planned,
            sso.sessions(),
            new Reloader.Effects(
                sync::profileDropped,
                imds,
                processWay ? deviceProcesses::set : null,
                unserved::set),
            reloadErrors);
  }

  /**
   * Starts a daemon for {@code settings}, served by {@code front}. Fails with {@link
   * AlreadyRunningException} when another daemon holds the state directory, or with an exception
   * whose message says what to fix.
   *
   * @param env the environment (AWS_* file locations, HOME, XDG_*, AWS_ENDPOINT_URL_STS, the proxy
   *     variables and AWS_CA_BUNDLE, read from here and never from the process)
   */
  public static Future<Daemon> start(
      Vertx vertx, Settings settings, Map<String, String> env, Front front) {
    Locations locations = new Locations(env);
    Path stateDir = locations.stateDir(settings);
    StsPreload.tls(vertx, stsEndpoint(locations, settings));
    ProcessRunner processes =
        new ProcessRunner(
            vertx,
            Map.of(),
            new BrowserHandoff(
                vertx, stateDir.resolve(BrowserHandoff.DIRECTORY), BrowserHandoff.LIFETIME));
    IdentityCenter sso = IdentityCenter.create(vertx, env, settings.mfa().leadTime(), processes);
    return vertx
        .executeBlocking(() -> InstanceLock.acquire(stateDir), false)
        .compose(
            lock ->
                vertx
                    .executeBlocking(
                        () -> {
                          processes.browser().clear(); // what an earlier run left for the browser
                          return new Daemon(
                              vertx, settings, env, locations, stateDir, lock, processes, sso);
                        },
                        false)
                    .compose(daemon -> daemon.open(front))
                    .onFailure(failure -> lock.closeQuietly()));
  }

  /** Deploys the sessions, opens the front, then refreshes, watches and tells the CLI. */
  private Future<Daemon> open(Front with) {
    List<RoleHop> hops =
        startup.planned().plans().values().stream()
            .map(Plan::hop)
            .filter(hop -> hop.sts() != null)
            .toList();
    // The STS clients of every planned endpoint, region and CA bundle are built while the front
    // opens (on 2 cores, side by side), so the first fetch pays for neither.
    Future<Void> stsReady =
        vertx.executeBlocking(
            () -> {
              hops.forEach(hop -> gateway.prepare(hop.sts(), hop.caBundle()));
              return null;
            },
            false);
    return vertx
        .deployVerticle(sessions.holdFirstRefresh())
        .compose(id -> with.open(this))
        .compose(open -> stsReady.map(open))
        .compose(
            open -> {
              front = open;
              sessions.beginRefreshing();
              awsFiles =
                  AwsFilesWatcher.start(
                      vertx,
                      AwsFileLocations.fromEnvironment(env),
                      DaemonTuning.AWS_FILES_SCANS,
                      startup.filesSeen(),
                      reloader::awsFilesChanged);
              DaemonInfo info =
                  new DaemonInfo(
                      ProcessHandle.current().pid(), port(), listening.imdsPort(), region);
              return vertx.executeBlocking(
                  () -> {
                    info.write(stateDir);
                    return this;
                  },
                  false);
            })
        .onSuccess(daemon -> logServing());
  }

  private void logServing() {
    List<String> served = startup.planned().served();
    LOG.info(
        "rolekeeper serving {} profile(s) {} on http://{}:{}/",
        served.size(),
        served,
        listening.host(),
        port());
    // Loud when IMDS is on: what it serves is open to every process of this user.
    if (imds.port() > 0) {
      LOG.warn(imds.summary());
    } else {
      LOG.info(imds.summary());
    }
    // The route of the daemon's own region; `status` gives each profile's (ca_bundle).
    LOG.info(
        "STS calls in {}: {}", region, gateway.describeNetwork(StsTarget.regional(region), null));
  }

  /** The STS endpoint override; null for AWS's, and for a bad one (building reports it). */
  private static URI stsEndpoint(Locations locations, Settings settings) {
    try {
      return locations.stsEndpoint(settings).orElse(null);
    } catch (SettingsException e) {
      return null;
    }
  }

  /** After a sign-in, every served profile without valid credentials tries again now. */
  private void refreshWaiting() {
    sessions.profiles().stream()
        .filter(profile -> !(sessions.lookup(profile) instanceof SessionDirectory.Lookup.Available))
        .forEach(sessions::refresh);
  }

  public Listening listening() {
    return listening;
  }

  public int port() {
    return listening.port();
  }

  /** The IMDS port, or 0 when IMDS is off (no port opened). */
  public int imdsPort() {
    return listening.imdsPort();
  }

  /** What IMDS serves and whether its port is open. */
  public ImdsRole imds() {
    return imds;
  }

  /** The uids admitted besides the daemon's own user ({@code listen.allowUsers}). */
  public Set<Integer> allowUids() {
    return settings.listen().allowUids();
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

  public MfaPrompting mfa() {
    return mfa;
  }

  public IdentityCenter identityCenter() {
    return sso;
  }

  public List<SyncStatus> syncStatus() {
    return sync.status();
  }

  /** A browser opened {@code url} (an MFA page link): the file that handed it over can go. */
  public void linkOpened(String url) {
    processes.browser().opened(url);
  }

  /** What {@code GET /control/status} shows beside the sessions. */
  public JsonObject statusJson() {
    return new JsonObject()
        .put("ssoSessions", sso.statusJson())
        .put("mfaPrompts", mfa.prompts().statusJson())
        .put("sync", sync.statusJson())
        .put("notServed", unserved.json())
        .put("reloadErrors", reloadErrors.statusJson());
  }

  /**
   * Applies new settings (from {@link SettingsWatcher}): a changed profile list is re-planned,
   * keeping the sessions of unchanged profiles; settings that need a restart are logged as such.
   * Never fails: a change that cannot be applied is logged as one error line and the daemon carries
   * on as before.
   */
  public Future<Void> applySettings(Settings next) {
    return reloader.settingsChanged(next);
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
    if (awsFiles != null) {
      awsFiles.stop();
    }
    sso.close();
    // Dialogs, mfa_process and credential_process commands die with the daemon, whatever they were
    // doing.
    processes.stopAll();
    DaemonInfo.remove(stateDir);
    Future<Void> closed = front == null ? Future.succeededFuture() : front.close();
    return closed
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

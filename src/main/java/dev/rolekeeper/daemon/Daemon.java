package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsWatcher;
import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.sts.StsTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon. {@link #start} takes the state directory's lock, has every part built in one
 * place ({@link Parts}), then deploys the sessions (holding their first refresh), opens the {@link
 * Front}, begins refreshing, watches the AWS files and writes {@code daemon.json}. {@link #stop}
 * undoes it in reverse order.
 */
public final class Daemon {

  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Vertx vertx;
  private final AwsFiles files;
  private final Path stateDir;
  private final String region;
  private final InstanceLock lock;
  private final Parts parts;
  // Set as start-up reaches them, on the start-up chain; read by stop.
  private volatile Front.Open front;
  private volatile AwsFilesWatcher awsFiles;

  private Daemon(
      Vertx vertx, AwsFiles files, Path stateDir, String region, InstanceLock lock, Parts parts) {
    this.vertx = vertx;
    this.files = files;
    this.stateDir = stateDir;
    this.region = region;
    this.lock = lock;
    this.parts = parts;
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
    UserPaths locations = UserPaths.of(env);
    Path stateDir = locations.stateDir(settings.daemon().stateDir());
    StsPreload.tls(vertx, settings, env);
    return vertx
        .executeBlocking(() -> InstanceLock.acquire(stateDir), false)
        .compose(
            lock ->
                vertx
                    .executeBlocking(
                        () ->
                            new Daemon(
                                vertx,
                                locations.awsFiles(),
                                stateDir,
                                DaemonTuning.region(settings),
                                lock,
                                Parts.build(
                                    vertx,
                                    settings,
                                    env,
                                    locations.syncFile(settings.served().sync().file()),
                                    stateDir)),
                        false)
                    .compose(daemon -> daemon.open(front))
                    .onFailure(failure -> lock.closeQuietly()));
  }

  /** Deploys the sessions, opens the front, then refreshes, watches and tells the CLI. */
  private Future<Daemon> open(Front with) {
    Future<Void> stsReady = parts.prepareSts(vertx);
    return vertx
        .deployVerticle(parts.sessions().holdFirstRefresh())
        .compose(id -> with.open(this))
        .compose(open -> stsReady.map(open))
        .compose(
            open -> {
              front = open;
              parts.sessions().beginRefreshing();
              awsFiles =
                  AwsFilesWatcher.start(
                      vertx,
                      files,
                      DaemonTuning.AWS_FILES_SCANS,
                      parts.startup().filesSeen(),
                      parts.reloader()::awsFilesChanged);
              DaemonInfo info =
                  new DaemonInfo(ProcessHandle.current().pid(), port(), imdsPort(), region);
              return vertx.executeBlocking(
                  () -> {
                    info.write(stateDir);
                    return this;
                  },
                  false);
            })
        .onSuccess(daemon -> logServing());
  }

  /** Says what the daemon serves, where, and how its STS calls go. */
  private void logServing() {
    List<String> served = parts.startup().planned().served();
    LOG.info(
        "rolekeeper serving {} profile(s) {} on http://{}:{}/",
        served.size(),
        served,
        parts.listening().host(),
        port());
    // Loud when IMDS is on: what it serves is open to every process of this user.
    ImdsRole imds = parts.imds();
    if (imds.port() > 0) {
      LOG.warn(imds.summary());
    } else {
      LOG.info(imds.summary());
    }
    // The route of the daemon's own region; `status` gives each profile's (ca_bundle).
    LOG.info(
        "STS calls in {}: {}",
        region,
        parts.gateway().describeNetwork(StsTarget.regional(region), null));
  }

  /** Every part, for the front and for tests. */
  public Parts parts() {
    return parts;
  }

  public int port() {
    return parts.listening().port();
  }

  /** The IMDS port, or 0 when IMDS is off (no port opened). */
  public int imdsPort() {
    return parts.listening().imdsPort();
  }

  public Path stateDir() {
    return stateDir;
  }

  public String region() {
    return region;
  }

  public SessionManager sessions() {
    return parts.sessions();
  }

  public TokenStore tokens() {
    return parts.tokens();
  }

  /** What {@code GET /control/status} shows beside the sessions. */
  public JsonObject statusJson() {
    return parts.statusJson();
  }

  /**
   * Applies new settings (from {@link SettingsWatcher}): a changed profile list is re-planned,
   * keeping the sessions of unchanged profiles; settings that need a restart are logged as such.
   * Never fails: a change that cannot be applied is logged as one error line and the daemon carries
   * on as before.
   */
  public Future<Void> applySettings(Settings next) {
    return parts.reloader().settingsChanged(next);
  }

  /**
   * The settings file was read again ({@link SettingsWatcher}): {@code reason} why it was refused
   * (the previous settings stay), or null when it was read without error. Shown by {@code status}
   * until the file is read without one.
   */
  public void settingsRefused(String reason) {
    if (reason == null) {
      parts.reloadErrors().succeeded(ReloadErrors.SETTINGS);
    } else {
      parts.reloadErrors().failed(ReloadErrors.SETTINGS, reason);
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
    parts.identityCenter().close();
    parts.consoleLogins().close();
    // Dialogs, mfa_process and credential_process commands die with the daemon, whatever they were
    // doing.
    parts.processes().stopAll();
    DaemonInfo.remove(stateDir);
    Future<Void> closed = front == null ? Future.succeededFuture() : front.close();
    return closed
        .compose(done -> vertx.undeploy(parts.sessions().deploymentID()))
        .compose(done -> parts.sync().shutdown())
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      parts.processes().browser().clear();
                      lock.closeQuietly();
                      return null;
                    },
                    false))
        .mapEmpty();
  }
}

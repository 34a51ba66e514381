package dev.rolekeeper.cli;

import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.daemon.Daemon;
import dev.rolekeeper.daemon.DaemonTuning;
import dev.rolekeeper.daemon.StsPreload;
import dev.rolekeeper.doctor.Doctor;
import dev.rolekeeper.http.HttpFront;
import dev.rolekeeper.os.UnsafePathException;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rolekeeper demo}: the STS simulator and the daemon together, with generated AWS files, so
 * the whole flow can be seen on a machine with no AWS account. Prints bash exports on stdout before
 * anything else; people-facing text goes to stderr.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Try rolekeeper against a built-in STS simulator: no AWS account needed.",
      "Runs the daemon with generated role profiles (one of them chained) and prints the exports that point any "
          + "SDK or the AWS CLI at it. Serves until Ctrl-C.",
      "  (umask 077; bin/rolekeeper demo > ~/demo.env)   then, elsewhere:   . ~/demo.env && aws sts"
          + " get-caller-identity",
      "--sso and --login add profiles that need a browser sign-in (IAM Identity Center, and aws login's"
          + " console sign-in), both simulated: the demo prints the link to approve.",
      "The exports hold an endpoint token (and with --mfa the demo's TOTP secret): keep the file private."
    })
public final class DemoCommand implements Callable<Integer> {

  static final String REGION = "us-east-1";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "9931",
      description =
          "The main port; IMDSv2 listens on PORT+1 (0: any free ports). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "The demo daemon's state directory, the DIR that the other commands' --state-dir takes (default:"
              + " $XDG_STATE_HOME/rolekeeper-demo-PORT). The generated AWS files go in DIR/demo/.")
  Path stateDir;

  @Option(
      names = "--session-seconds",
      paramLabel = "N",
      description =
          "Make the simulator issue N-second sessions (N >= 20) to watch the keys being refreshed.")
  Integer sessionSeconds;

  @Option(
      names = "--mfa",
      description = "Add a profile behind a simulated MFA device and export that one.")
  boolean mfa;

  @Option(
      names = "--sync",
      paramLabel = "FILE",
      description =
          "Keep the first profile's session in section [" + DemoCommand.SYNC_SECTION + "] of FILE.")
  Path syncFile;

  static final String SYNC_SECTION = "rolekeeper-demo";
  static final String STATE_DIR_VARIABLE = "ROLEKEEPER_STATEDIR";

  @Option(
      names = "--sso",
      description =
          "Add an IAM Identity Center profile (and a role chained from it) that needs"
              + " a sign-in, and export that one: open the printed link and press Approve.")
  boolean sso;

  @Option(
      names = "--login",
      description =
          "Add a console sign-in profile (aws login's login_session, and a role chained from it)"
              + " that needs a sign-in, and export that one (before --sso's): open the printed link"
              + " and press Approve.")
  boolean login;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (sessionSeconds != null && sessionSeconds < 20) {
      err.println("rolekeeper demo: --session-seconds must be at least 20");
      return 2;
    }
    if (port < 0 || port > 65534) {
      err.println("rolekeeper demo: --port must be 0-65534");
      return 2;
    }
    StsPreload.start();
    DemoSetUp setUp = new DemoSetUp(port, stateDir, mfa, sso, login, syncFile);
    Path dir;
    Path files;
    DemoAccount account = DemoAccount.create();
    StsSimulator simulator = new StsSimulator(account.config());
    Path settingsFile;
    try {
      dir = setUp.demoDir();
      files = dir.resolve(Doctor.DEMO_FILES);
      settingsFile = setUp.writeFiles(files, account, simulator, REGION);
    } catch (UnsafePathException e) {
      return Foreground.reportStartFailure(e, err);
    } catch (IOException e) {
      err.println(
          "rolekeeper demo: cannot write its files ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); give it a directory you may write with --state-dir DIR");
      return 1;
    }

    Vertx vertx;
    try {
      vertx = DaemonTuning.newVertx();
    } catch (Throwable e) {
      return Foreground.reportStartFailure(e, err);
    }
    StartUp.Outcome<Daemon> started =
        StartUp.run(
            vertx,
            () ->
                simulator
                    .start(vertx, 0)
                    .compose(
                        listening -> {
                          if (sessionSeconds != null) {
                            simulator.sessionSecondsOverride(sessionSeconds);
                          }
                          if (sso) {
                            account.assignSso(simulator);
                          }
                          Map<String, String> env =
                              setUp.environment(dir, files, served(account), simulator, REGION);
                          return SettingsLoader.loadOnce(vertx, Optional.of(settingsFile), env)
                              .compose(
                                  settings -> {
                                    RunCommand.applyLogLevel(settings);
                                    return Daemon.start(vertx, settings, env, new HttpFront(vertx));
                                  });
                        }),
            err);
    if (started instanceof StartUp.Failed<Daemon> failed) {
      return failed.status();
    }
    Daemon daemon = ((StartUp.Started<Daemon>) started).value();
    String exported = served(account).get(0);
    String ssoLink = sso ? startSsoSignIn(daemon) : null;
    String loginLink = login ? startConsoleSignIn(daemon, err) : null;
    DemoInstructions instructions =
        new DemoInstructions(spec.commandLine().getOut(), err, mfa, syncFile, sessionSeconds);
    instructions.printExports(daemon, exported, simulator, account, REGION);
    if (ssoLink != null) {
      instructions.printLinkExport("ROLEKEEPER_DEMO_SSO_LINK", ssoLink);
    }
    if (loginLink != null) {
      instructions.printLinkExport("ROLEKEEPER_DEMO_LOGIN_LINK", loginLink);
    }
    instructions.explain(daemon, served(account), exported);
    if (ssoLink != null) {
      instructions.explainSsoSignIn(ssoLink);
    }
    if (login) {
      instructions.explainConsoleSignIn(simulator.signin().userArn(), loginLink);
    }
    Foreground.serveUntilStopped(vertx, () -> daemon.stop().eventually(simulator::stop));
    return 0;
  }

  private List<String> served(DemoAccount account) {
    List<String> profiles = new java.util.ArrayList<>(account.profiles(mfa));
    if (sso) {
      profiles.addAll(0, List.of(DemoAccount.SSO_PROFILE, DemoAccount.SSO_CHAINED_PROFILE));
    }
    if (login) {
      profiles.addAll(0, List.of(DemoAccount.LOGIN_PROFILE, DemoAccount.LOGIN_CHAINED_PROFILE));
    }
    return profiles;
  }

  // The sign-ins start through the daemon's own parts, as its control routes start them, not
  // through HttpDaemonClient: that client's trust check probes the instance lock, and a probe from
  // the daemon's own process, closing the file, would release the daemon's lock (POSIX locks are
  // the process's), so `rolekeeper status` elsewhere would find no daemon.

  /**
   * Starts the SSO sign-in the way `rolekeeper login` does, once the first fetch found no token:
   * its link.
   */
  private static String startSsoSignIn(Daemon daemon) {
    daemon.sessions().lookupSoon(DemoAccount.SSO_PROFILE).await();
    return daemon
        .parts()
        .identityCenter()
        .sessions()
        .startSignIn(DemoAccount.SSO_SESSION, false)
        .await()
        .verificationUriComplete();
  }

  /**
   * Starts the console sign-in the way `rolekeeper login demo-login` does, once the first fetch
   * found no session: its authorize link, or null when it could not start (the instructions then
   * name the command).
   */
  private static String startConsoleSignIn(Daemon daemon, PrintWriter err) {
    daemon.sessions().lookupSoon(DemoAccount.LOGIN_PROFILE).await();
    try {
      return daemon
          .parts()
          .consoleLogins()
          .sessions()
          .startSignIn(DemoAccount.LOGIN_PROFILE, false)
          .await()
          .authorizeUrl();
    } catch (RuntimeException e) {
      err.println("rolekeeper demo: the console sign-in did not start: " + e.getMessage());
      return null;
    }
  }
}

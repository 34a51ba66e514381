package dev.rolekeeper.cli;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.endpoint.IssuedToken;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.service.Daemon;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
      "  bin/rolekeeper demo > /tmp/demo.env      then, elsewhere:   . /tmp/demo.env && aws sts get-caller-identity"
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
    Path dir = demoDir();
    Path files = dir.resolve("demo");
    DemoAccount account = DemoAccount.create();
    account.writeAwsFiles(files.resolve("aws"), REGION);
    if (sso) {
      account.appendSsoProfiles(files.resolve("aws"), REGION);
    }
    Path settingsFile = files.resolve("settings.yaml");
    Files.writeString(
        settingsFile, "# rolekeeper demo: every setting comes from the environment it passes.\n");

    Vertx vertx = Daemon.newVertx();
    Daemon.preloadSts(vertx);
    StsSimulator simulator = new StsSimulator(account.config());
    Daemon daemon;
    try {
      simulator.start(vertx, 0).await();
      if (sessionSeconds != null) {
        simulator.sessionSecondsOverride(sessionSeconds);
      }
      if (sso) {
        account.assignSso(simulator);
      }
      Map<String, String> env = demoEnvironment(dir, files, account, simulator);
      Settings settings = SettingsLoader.loadOnce(vertx, Optional.of(settingsFile), env).await();
      RunCommand.applyLogLevel(settings);
      daemon = Daemon.start(vertx, settings, env).await();
    } catch (Exception e) {
      vertx.close();
      return Foreground.reportStartFailure(e, err);
    }
    String exported = served(account).get(0);
    String ssoLink = sso ? startSsoSignIn(daemon) : null;
    printExports(daemon, exported, simulator, account);
    if (ssoLink != null) {
      spec.commandLine()
          .getOut()
          .print(
              new ShellExports()
                  .put("ROLEKEEPER_DEMO_SSO_LINK", ssoLink)
                  .render(ShellExports.Shell.BASH));
      spec.commandLine().getOut().flush();
    }
    explain(err, daemon, account, exported);
    if (ssoLink != null) {
      err.printf(
          "  %s (and %s, chained from it) need an IAM Identity Center sign-in; until then they answer 503"
              + " SsoLoginRequired. Open this link and press Approve:%n    %s%n",
          DemoAccount.SSO_PROFILE, DemoAccount.SSO_CHAINED_PROFILE, ssoLink);
      err.flush();
    }
    Foreground.serveUntilStopped(vertx, () -> daemon.stop().eventually(simulator::stop));
    return 0;
  }

  private List<String> served(DemoAccount account) {
    List<String> profiles = new java.util.ArrayList<>(account.profiles(mfa));
    if (sso) {
      profiles.addAll(0, List.of(DemoAccount.SSO_PROFILE, DemoAccount.SSO_CHAINED_PROFILE));
    }
    return profiles;
  }

  /**
   * Starts the SSO sign-in the way `rolekeeper login` does, once the first fetch found no token:
   * its link.
   */
  private static String startSsoSignIn(Daemon daemon) {
    daemon.sessions().lookupSoon(DemoAccount.SSO_PROFILE).await();
    return HttpDaemonClient.connect(daemon.stateDir())
        .post(LoginCommand.PATH, Map.of("session", DemoAccount.SSO_SESSION))
        .get("verificationUriComplete")
        .toString();
  }

  private Path demoDir() throws IOException {
    Path dir =
        stateDir != null
            ? stateDir.toAbsolutePath().normalize()
            : xdgState().resolve("rolekeeper-demo-" + port);
    Files.createDirectories(dir);
    return dir;
  }

  private static Path xdgState() {
    String xdg = System.getenv("XDG_STATE_HOME");
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg);
    }
    return Path.of(System.getProperty("user.home"), ".local", "state");
  }

  private Map<String, String> demoEnvironment(
      Path dir, Path files, DemoAccount account, StsSimulator simulator) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet()
        .removeIf(name -> name.startsWith("ROLEKEEPER_") && !name.equals("ROLEKEEPER_LOG_LEVEL"));
    List<String> profiles = served(account);
    if (sso) {
      // The demo's own token cache, never the user's ~/.aws/sso/cache.
      env.put("HOME", files.toString());
      env.put("AWS_ENDPOINT_URL_SSO", simulator.endpoint().toString());
      env.put("AWS_ENDPOINT_URL_SSO_OIDC", simulator.endpoint().toString());
    }
    env.put("AWS_CONFIG_FILE", files.resolve("aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", files.resolve("aws/credentials").toString());
    env.put(STATE_DIR_VARIABLE, dir.toString());
    env.put("ROLEKEEPER_PROFILES", String.join(",", profiles));
    env.put("ROLEKEEPER_IMDS_PROFILE", profiles.get(0));
    env.put("ROLEKEEPER_REGION", REGION);
    env.put("ROLEKEEPER_STS_ENDPOINT", simulator.endpoint().toString());
    env.put("ROLEKEEPER_LISTEN_PORT", Integer.toString(port));
    env.put("ROLEKEEPER_LISTEN_IMDSPORT", Integer.toString(port == 0 ? 0 : port + 1));
    if (syncFile != null) {
      env.put("ROLEKEEPER_SYNC_FILE", syncFile.toAbsolutePath().normalize().toString());
      env.put("ROLEKEEPER_SYNC_TARGETS", profiles.get(0) + "=" + SYNC_SECTION);
    }
    return env;
  }

  private void printExports(
      Daemon daemon, String profile, StsSimulator simulator, DemoAccount account) {
    IssuedToken token = daemon.tokens().clientToken(List.of(profile));
    ShellExports exports =
        new ShellExports()
            .put(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + daemon.port() + "/v1/credentials/" + profile)
            .put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.file().toString())
            .put("AWS_CONTAINER_AUTHORIZATION_TOKEN", token.token())
            .put("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + daemon.imdsPort() + "/")
            .put("AWS_ENDPOINT_URL_STS", simulator.endpoint().toString())
            // The variable every rolekeeper command reads its state directory from: `status`,
            // `mfa`, `env` in this
            // shell reach the demo without --state-dir.
            .put(STATE_DIR_VARIABLE, daemon.stateDir().toString())
            .put("AWS_REGION", REGION)
            .put("AWS_DEFAULT_REGION", REGION);
    if (mfa) {
      exports
          .put("ROLEKEEPER_DEMO_MFA_PROFILE", profile)
          .put("ROLEKEEPER_DEMO_MFA_SECRET", account.mfaSecret());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(exports.render(ShellExports.Shell.BASH));
    out.flush();
  }

  private void explain(PrintWriter err, Daemon daemon, DemoAccount account, String exported) {
    String state = daemon.stateDir().toString();
    err.printf(
        "%nrolekeeper demo: serving %s from a simulated STS (account %s).%n",
        String.join(", ", served(account)), DemoAccount.ACCOUNT);
    err.printf(
        "  The exports above (stdout) point SDKs at profile %s, and rolekeeper's own commands at this demo"
            + " (%s=%s). In another shell:%n",
        exported, STATE_DIR_VARIABLE, state);
    err.println("    . ./demo.env    # if you ran: bin/rolekeeper demo > demo.env");
    err.println(
        "    aws sts get-caller-identity        # older AWS CLIs: add --endpoint-url \"$AWS_ENDPOINT_URL_STS\"");
    err.println(
        "    bin/rolekeeper status              # elsewhere: bin/rolekeeper status --state-dir "
            + state);
    if (mfa) {
      err.printf(
          "  %s needs an MFA code first (until then it answers 503). Make one with any authenticator"
              + " from the secret in $ROLEKEEPER_DEMO_MFA_SECRET, e.g.:%n",
          exported);
      err.println(
          "    bin/rolekeeper mfa \"$(oathtool --totp -b \"$ROLEKEEPER_DEMO_MFA_SECRET\")\"");
      err.println(
          "  or open the MFA page whose link the log line above gives (\"... or open http://127.0.0.1:...\").");
    }
    if (syncFile != null) {
      err.printf(
          "  %s's session is kept in [%s] of %s: AWS_SHARED_CREDENTIALS_FILE=%s AWS_PROFILE=%s aws ...%n",
          exported, SYNC_SECTION, syncFile, syncFile, SYNC_SECTION);
    }
    if (sessionSeconds != null) {
      err.printf(
          "  Sessions last %d s: watch the keys change while clients keep working.%n",
          sessionSeconds);
    }
    err.println("  Ctrl-C stops the demo.");
    err.flush();
  }
}

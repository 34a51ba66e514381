package dev.rolekeeper.cli;

import dev.rolekeeper.daemon.Daemon;
import dev.rolekeeper.daemon.IssuedToken;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.signin.ConsoleSignIn;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What the demo prints: bash exports on {@code out} (so {@code demo > file} makes a sourceable
 * file) and instructions for people on {@code err}. The exports hold the endpoint token and, with
 * {@code --mfa}, the simulated device's secret — both meant for the shell, never for the log.
 */
final class DemoInstructions {

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean mfa;
  private final Path syncFile;
  private final Integer sessionSeconds;

  /**
   * @param syncFile the {@code --sync} file, or null
   * @param sessionSeconds the {@code --session-seconds} given, or null
   */
  DemoInstructions(
      PrintWriter out, PrintWriter err, boolean mfa, Path syncFile, Integer sessionSeconds) {
    this.out = out;
    this.err = err;
    this.mfa = mfa;
    this.syncFile = syncFile;
    this.sessionSeconds = sessionSeconds;
  }

  void printExports(
      Daemon daemon, String profile, StsSimulator simulator, DemoAccount account, String region) {
    IssuedToken token = daemon.tokens().clientToken(List.of(profile));
    ShellExports exports =
        new ShellExports()
            .put(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + daemon.port() + "/v1/credentials/" + profile)
            .put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.file().toString())
            .put("AWS_CONTAINER_AUTHORIZATION_TOKEN", token.token());
    if (daemon.imdsPort() > 0) {
      // Only while an IMDS port is open: a port nobody holds could be taken by another listener.
      exports.put(
          "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + daemon.imdsPort() + "/");
    }
    exports
        .put("AWS_ENDPOINT_URL_STS", simulator.endpoint().toString())
        // The variable every rolekeeper command reads its state directory from: `status`,
        // `mfa`, `env` in this shell reach the demo without --state-dir.
        .put(DemoCommand.STATE_DIR_VARIABLE, daemon.stateDir().toString())
        .put("AWS_REGION", region)
        .put("AWS_DEFAULT_REGION", region);
    if (mfa) {
      exports
          .put("ROLEKEEPER_DEMO_MFA_PROFILE", profile)
          .put("ROLEKEEPER_DEMO_MFA_SECRET", account.mfaSecret());
    }
    out.print(exports.render(ShellExports.Shell.BASH));
    out.flush();
  }

  /** A sign-in link as an export, after the others: {@code variable=link}. */
  void printLinkExport(String variable, String link) {
    out.print(new ShellExports().put(variable, link).render(ShellExports.Shell.BASH));
    out.flush();
  }

  void explain(Daemon daemon, List<String> served, String exported) {
    String state = daemon.stateDir().toString();
    err.printf(
        "%nrolekeeper demo: serving %s from a simulated STS (account %s).%n",
        String.join(", ", served), DemoAccount.ACCOUNT);
    err.printf(
        "  The exports above (stdout) point SDKs at profile %s, and rolekeeper's own commands at this demo"
            + " (%s=%s). In another shell%s:%n",
        exported,
        DemoCommand.STATE_DIR_VARIABLE,
        state,
        List.of(DemoAccount.LOGIN_PROFILE, DemoAccount.SSO_PROFILE).contains(exported)
            ? ", once you have signed in (below)"
            : "");
    err.println("    . ~/demo.env    # if you ran: (umask 077; bin/rolekeeper demo > ~/demo.env)");
    err.println(
        "    aws sts get-caller-identity        # older AWS CLIs: add --endpoint-url \"$AWS_ENDPOINT_URL_STS\"");
    err.println(
        "    bin/rolekeeper status              # elsewhere: bin/rolekeeper status --state-dir "
            + state);
    err.println(
        "    bin/rolekeeper doctor              # checks the set-up; \"service: not installed\" is"
            + " expected for a demo");
    if (mfa) {
      err.printf(
          "  %s needs an MFA code first (until then it answers 503). Make one with any authenticator"
              + " from the secret in $ROLEKEEPER_DEMO_MFA_SECRET, e.g.:%n",
          exported);
      err.println("    oathtool --totp -b \"$ROLEKEEPER_DEMO_MFA_SECRET\" | bin/rolekeeper mfa");
      err.println(
          "  or open the MFA page whose link the \"MFA code needed\" log line gives (\"... or open"
              + " http://127.0.0.1:...\"): it comes once the daemon asks, before or after this text.");
    }
    if (syncFile != null) {
      err.printf(
          "  %s's session is kept in [%s] of %s: AWS_SHARED_CREDENTIALS_FILE=%s AWS_PROFILE=%s aws ...%n",
          exported, DemoCommand.SYNC_SECTION, syncFile, syncFile, DemoCommand.SYNC_SECTION);
    }
    if (sessionSeconds != null) {
      err.printf(
          "  Sessions last %d s: watch the keys change while clients keep working.%n",
          sessionSeconds);
    }
    if (daemon.imdsPort() > 0) {
      err.printf(
          "  %s (AWS_EC2_METADATA_SERVICE_ENDPOINT, for tools that know only instance metadata).%n",
          daemon.parts().imds().summary());
    }
    err.println("  Ctrl-C stops the demo.");
    err.flush();
  }

  void explainSsoSignIn(String ssoLink) {
    err.printf(
        "  %s (and %s, chained from it) need an IAM Identity Center sign-in; until then they answer 503"
            + " SsoLoginRequired. Open this link and press Approve:%n    %s%n",
        DemoAccount.SSO_PROFILE, DemoAccount.SSO_CHAINED_PROFILE, ssoLink);
    err.flush();
  }

  /**
   * @param user the console user the sign-in is for
   * @param loginLink the console sign-in's authorize link, or null when it did not start
   */
  void explainConsoleSignIn(String user, String loginLink) {
    err.printf(
        "  %s (and %s, chained from it) need a console sign-in (aws login) as %s; until then they"
            + " answer 503 LoginRequired.%n",
        DemoAccount.LOGIN_PROFILE, DemoAccount.LOGIN_CHAINED_PROFILE, user);
    if (loginLink != null) {
      err.printf(
          "  Open this link within %d minutes and press Approve (it is also in"
              + " $ROLEKEEPER_DEMO_LOGIN_LINK):%n    %s%n",
          ConsoleSignIn.TIMEOUT.toMinutes(), loginLink);
    }
    err.printf(
        "  A new link any time: bin/rolekeeper login %s; then bin/rolekeeper status shows the"
            + " session.%n",
        DemoAccount.LOGIN_PROFILE);
    err.flush();
  }
}

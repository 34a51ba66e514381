package dev.rolekeeper.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rolekeeper login [SESSION]}: signs in to IAM Identity Center through the daemon, for every
 * profile of that SSO session. Prints the approval link and code, then waits until the sign-in is
 * approved, refused or expires. Exit codes: 0 signed in, 1 the sign-in failed or the daemon
 * refused, 3 the daemon is not running.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Sign in to IAM Identity Center (AWS SSO) for the profiles of an SSO session.",
      "Prints a link and a code: open the link in a browser, check the code, approve. One sign-in serves every"
          + " profile of the session; the daemon refreshes them at once."
    })
public final class LoginCommand implements Callable<Integer> {

  static final String PATH = "/control/sso/login";
  private static final Duration POLL = Duration.ofSeconds(1);

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SESSION",
      description =
          "The sso-session name (or the start URL of a legacy profile); default: the one needing it.")
  String session;

  @Mixin DaemonOptions daemon = new DaemonOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HttpDaemonClient client;
    Map<String, Object> started;
    try {
      client = daemon.connect();
      started = client.post(PATH, session == null ? Map.of() : Map.of("session", session));
    } catch (DaemonClient.DaemonException e) {
      err.println("rolekeeper login: " + e.getMessage());
      return e.status() == 0 ? 3 : 1;
    }
    String name = ControlJson.string(started, "session");
    out.printf(
        "To sign in to SSO session %s, open this link in a browser:%n%n  %s%n%n"
            + "and check that it shows the code %s. Waiting for the approval...%n",
        name,
        ControlJson.string(started, "verificationUriComplete"),
        ControlJson.string(started, "userCode"));
    out.flush();
    return await(client, name, Instant.parse(ControlJson.string(started, "expiresAt")), out, err);
  }

  private int await(
      HttpDaemonClient client, String name, Instant expiresAt, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    Instant giveUp = expiresAt.plusSeconds(15);
    while (Instant.now().isBefore(giveUp)) {
      Thread.sleep(POLL.toMillis());
      Optional<Map<?, ?>> state = state(client, name);
      if (state.isPresent() && !"SigningIn".equals(state.get().get("state"))) {
        Map<?, ?> s = state.get();
        if ("SignedIn".equals(s.get("state"))) {
          out.printf(
              "Signed in to SSO session %s (token expires %s); profiles %s are being refreshed.%n",
              name, s.get("tokenExpires"), s.get("profiles"));
          return 0;
        }
        err.println(
            "rolekeeper login: " + Optional.ofNullable(s.get("lastError")).orElse("not signed in"));
        return 1;
      }
    }
    err.println("rolekeeper login: nobody approved the sign-in before it expired at " + expiresAt);
    return 1;
  }

  private static Optional<Map<?, ?>> state(HttpDaemonClient client, String name) {
    try {
      List<?> sessions = ControlJson.list(client.get("/control/status"), "ssoSessions");
      return sessions.stream()
          .<Map<?, ?>>map(Map.class::cast)
          .filter(s -> name.equals(s.get("name")))
          .findFirst();
    } catch (DaemonClient.DaemonException e) {
      return Optional.empty();
    }
  }
}

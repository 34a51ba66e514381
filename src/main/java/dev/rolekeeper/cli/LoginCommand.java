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
 * {@code rolekeeper login [NAME]}: signs in through the daemon, for every profile of one session.
 * First a console sign-in ({@code aws login}, {@code login_session} profiles): the daemon starts it
 * ({@code POST /control/login/console}) and opens the browser where it can; this prints the link
 * and waits, through {@code GET /control/status}, until that sign-in (by the number the route
 * answered) is done, refused or given up, and exits by its outcome. When the daemon has no console
 * sign-in by that name (404 {@code NoLoginSession}, or a daemon without the route), IAM Identity
 * Center: prints the approval link and code, then waits until the sign-in is approved, refused or
 * expires. Exit codes: 0 signed in, 1 the sign-in failed or the daemon refused, 3 the daemon is not
 * running.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Sign in for the profiles of a console sign-in session (aws login, login_session) or of an IAM"
          + " Identity Center (AWS SSO) session.",
      "Console sign-in: rolekeeper opens the AWS sign-in page in your browser and prints its link; sign in"
          + " as the profile's login_session principal and allow access.",
      "IAM Identity Center: prints a link and a code: open the link in a browser, check the code, approve.",
      "One sign-in serves every profile of the session; the daemon refreshes them at once."
    })
public final class LoginCommand implements Callable<Integer> {

  static final String PATH = "/control/sso/login";
  static final String CONSOLE_PATH = "/control/login/console";
  private static final Duration POLL = Duration.ofSeconds(1);

  /** The daemon's listener waits 10 minutes for the browser; this waits as long, and a little. */
  private static final Duration CONSOLE_WAIT = Duration.ofMinutes(10).plusSeconds(15);

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description =
          "A profile with login_session (console sign-in), or an sso-session name (or the start URL"
              + " of a legacy SSO profile); default: the session needing a sign-in.")
  String session;

  /** How often the daemon's status is read while waiting (shorter in tests). */
  Duration poll = POLL;

  /** How long a console sign-in is waited for. */
  Duration consoleWait = CONSOLE_WAIT;

  @Mixin DaemonOptions daemon = new DaemonOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HttpDaemonClient client;
    Optional<Map<String, Object>> console;
    try {
      client = daemon.connect();
      console = startConsole(client);
    } catch (DaemonClient.DaemonException e) {
      err.println("rolekeeper login: " + e.getMessage());
      return e.status() == 0 ? 3 : 1;
    }
    if (console.isPresent()) {
      return awaitConsole(client, console.get(), out, err);
    }
    Map<String, Object> started;
    try {
      started = client.post(PATH, session == null ? Map.of() : Map.of("session", session));
    } catch (DaemonClient.DaemonException e) {
      err.println("rolekeeper login: " + (isNoSsoSession(e) ? nothingToSignIn() : e.getMessage()));
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

  private static boolean isNoSsoSession(DaemonClient.DaemonException e) {
    return e.status() == 404 && "NoSsoSession".equals(e.code());
  }

  /** Neither kind of sign-in matched: the console one was asked first, so both are named. */
  private String nothingToSignIn() {
    return (session == null
            ? "no served profile signs in with a console sign-in (login_session) or IAM Identity"
                + " Center (sso_session, sso_start_url)"
            : "'"
                + session
                + "' is neither a served profile with a console sign-in (login_session) nor the SSO"
                + " session of a served profile")
        + "; `rolekeeper status` lists the sign-ins it keeps";
  }

  /**
   * Starts the console sign-in of {@link #session}, or empty when the daemon has none by that name
   * (then it is an IAM Identity Center one).
   */
  private Optional<Map<String, Object>> startConsole(HttpDaemonClient client) {
    try {
      return Optional.of(
          client.post(CONSOLE_PATH, session == null ? Map.of() : Map.of("name", session)));
    } catch (DaemonClient.DaemonException e) {
      // NotFound: a daemon from before console sign-ins, without the route.
      if (e.status() == 404 && ("NoLoginSession".equals(e.code()) || "NotFound".equals(e.code()))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private int awaitConsole(
      HttpDaemonClient client, Map<String, Object> started, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    String name = ControlJson.string(started, "session");
    out.printf(
        "To sign in as %s (profiles %s), sign in and allow access on this page;"
            + " rolekeeper opens it in your browser where it can:%n%n  %s%n%n"
            + "Waiting for the sign-in...%n",
        name, names(started.get("profiles")), ControlJson.string(started, "authorizeUrl"));
    out.flush();
    Number attempt = started.get("attempt") instanceof Number n ? n : null;
    Instant giveUp = Instant.now().plus(consoleWait);
    while (Instant.now().isBefore(giveUp)) {
      Thread.sleep(poll.toMillis());
      Optional<Map<?, ?>> state = state(client, "loginSessions", "session", name);
      Optional<Map<?, ?>> outcome = state.flatMap(s -> outcome(s, attempt));
      if (outcome.isPresent()) {
        Map<?, ?> s = state.get();
        if (Boolean.TRUE.equals(outcome.get().get("ok"))) {
          out.printf(
              "Signed in as %s (credentials until %s, session ends %s); %s refreshed now.%n",
              name, s.get("expires"), s.get("sessionEnds"), served(names(s.get("profiles"))));
          return 0;
        }
        err.println(
            "rolekeeper login: "
                + Optional.ofNullable(outcome.get().get("error")).orElse("not signed in"));
        return 1;
      }
    }
    err.println(
        "rolekeeper login: the sign-in as "
            + name
            + " did not finish within "
            + consoleWait.toMinutes()
            + " minutes; run rolekeeper login again");
    return 1;
  }

  /**
   * How the sign-in numbered {@code attempt} ended, as {@code {ok, error}}, once it has: the
   * session's {@code lastSignIn} of that number or later (sign-ins of a session run one after
   * another), since a failed sign-in can leave a session whose refresh token still works {@code
   * SignedIn}. A daemon that numbers none ({@code attempt} null) is read by its state leaving
   * {@code SigningIn}. Empty while it runs.
   */
  private static Optional<Map<?, ?>> outcome(Map<?, ?> session, Number attempt) {
    if (attempt == null) {
      Object state = session.get("state");
      return "SigningIn".equals(state)
          ? Optional.empty()
          : Optional.of(
              Map.of(
                  "ok",
                  "SignedIn".equals(state),
                  "error",
                  Optional.ofNullable(session.get("lastError")).orElse("not signed in")));
    }
    return session.get("lastSignIn") instanceof Map<?, ?> last
            && last.get("attempt") instanceof Number finished
            && finished.longValue() >= attempt.longValue()
        ? Optional.of(last)
        : Optional.empty();
  }

  /** "profile dev is" or "profiles dev, ops are". */
  private static String served(String names) {
    return names.contains(",") ? "profiles " + names + " are" : "profile " + names + " is";
  }

  private static String names(Object list) {
    return list instanceof List<?> l
        ? String.join(", ", l.stream().map(String::valueOf).toList())
        : String.valueOf(list).replace(",", ", ");
  }

  private int await(
      HttpDaemonClient client, String name, Instant expiresAt, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    Instant giveUp = expiresAt.plusSeconds(15);
    while (Instant.now().isBefore(giveUp)) {
      Thread.sleep(poll.toMillis());
      Optional<Map<?, ?>> state = state(client, "ssoSessions", "name", name);
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

  /** The entry of {@code list} in the daemon's status whose {@code key} is {@code name}. */
  private static Optional<Map<?, ?>> state(
      HttpDaemonClient client, String list, String key, String name) {
    try {
      List<?> sessions = ControlJson.list(client.get(DaemonClient.STATUS_PATH), list);
      return sessions.stream()
          .<Map<?, ?>>map(Map.class::cast)
          .filter(s -> name.equals(s.get(key)))
          .findFirst();
    } catch (DaemonClient.DaemonException e) {
      return Optional.empty();
    }
  }
}

package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rolekeeper login} against a stand-in daemon on port 0 that answers the control routes the
 * command uses ({@code POST /control/login/console}, {@code POST /control/sso/login}, {@code GET
 * /control/status}) as the daemon's contract says, found through a real state directory (its {@code
 * daemon.json}, control token and held instance lock).
 */
@ExtendWith(VertxExtension.class)
class LoginCommandTest {

  private static final String TOKEN = "rk-control-login-command-test";
  private static final String USER = "arn:aws:iam::111122223333:user/alice";
  private static final String LINK = "https://eu-west-1.signin.aws.amazon.com/v1/authorize?x=1";

  @TempDir Path home;

  private Path stateDir;
  private StandInDaemon daemon;
  private List<String> requests;

  /** What each route answers: status code and JSON; status answers advance one per call. */
  private final Map<String, JsonObject[]> answers = new ConcurrentHashMap<>();

  private final AtomicInteger statusCalls = new AtomicInteger();

  @BeforeEach
  void startDaemon(Vertx vertx) throws Exception {
    daemon =
        StandInDaemon.start(
            vertx,
            home.resolve("state"),
            TOKEN,
            path -> {
              JsonObject[] answer = answerTo(path);
              return new StandInDaemon.Answer(answer[0].getInteger("status"), answer[1]);
            });
    stateDir = daemon.stateDir();
    requests = daemon.requests();
  }

  @AfterEach
  void stopDaemon() throws Exception {
    daemon.close();
  }

  private JsonObject[] answerTo(String path) {
    if (path.equals(DaemonClient.STATUS_PATH)) {
      JsonObject[] statuses = answers.get(path);
      int call = Math.min(statusCalls.getAndIncrement(), statuses.length - 1);
      return new JsonObject[] {new JsonObject().put("status", 200), statuses[call]};
    }
    return answers.getOrDefault(
        path,
        new JsonObject[] {
          new JsonObject().put("status", 404),
          new JsonObject().put("code", "NotFound").put("message", "no such route")
        });
  }

  private void answer(String path, int status, JsonObject body) {
    answers.put(path, new JsonObject[] {new JsonObject().put("status", status), body});
  }

  /** The status route answers these, one per call, the last one from then on. */
  private void statuses(JsonObject... states) {
    answers.put(DaemonClient.STATUS_PATH, states);
  }

  private static JsonObject loginStatus(String state, String lastError) {
    JsonObject session =
        new JsonObject()
            .put("session", USER)
            .put("profiles", new JsonArray().add("dev-login").add("dev-role"))
            .put("state", state)
            .put("expires", "2026-12-06T13:00:00Z")
            .put("sessionEnds", "2026-12-07T00:00:00Z")
            .put("signInNeededBy", "2026-12-06T23:50:00Z")
            .put("lastError", lastError);
    return new JsonObject()
        .put("loginSessions", new JsonArray().add(session))
        .put("ssoSessions", new JsonArray());
  }

  private void consoleStarts() {
    answer(
        LoginCommand.CONSOLE_PATH,
        200,
        new JsonObject()
            .put("session", USER)
            .put("profiles", new JsonArray().add("dev-login").add("dev-role"))
            .put("authorizeUrl", LINK));
  }

  private record Run(int exit, String out, String err) {}

  private Run login(Duration wait, String... args) {
    LoginCommand command = new LoginCommand();
    command.poll = Duration.ofMillis(20);
    command.consoleWait = wait;
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    all[0] = "--state-dir";
    all[1] = stateDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = cli.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void consoleSession_printsTheLink_waitsWhileSigningIn_thenNamesTheProfiles() {
    consoleStarts();
    statuses(
        loginStatus("SigningIn", null),
        loginStatus("SigningIn", null),
        loginStatus("SignedIn", null));

    Run run = login(Duration.ofSeconds(30), "dev-login");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("To sign in as " + USER + " (profiles dev-login, dev-role)")
        .contains("  " + LINK + "\n")
        .contains("Signed in as " + USER)
        .contains("profiles dev-login, dev-role are refreshed now");
    assertThat(requests.get(0))
        .isEqualTo("POST " + LoginCommand.CONSOLE_PATH + " {\"name\":\"dev-login\"}");
    assertThat(statusCalls.get()).as("polled until it left SigningIn").isEqualTo(3);
    assertThat(requests).noneMatch(r -> r.contains("sso")).noneMatch(r -> r.contains("no control"));
  }

  @Test
  void consoleSignInFails_exits1WithTheDaemonsLastError() {
    consoleStarts();
    statuses(
        loginStatus("SigningIn", null),
        loginStatus("SignInNeeded", "sign-in denied in the browser (access_denied)"));

    Run run = login(Duration.ofSeconds(30));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("rolekeeper login: sign-in denied in the browser");
    assertThat(requests.get(0)).isEqualTo("POST " + LoginCommand.CONSOLE_PATH + " {}");
  }

  /** The route's answer of a daemon that numbers sign-ins: this one is {@code attempt}. */
  private void consoleStarts(long attempt) {
    answer(
        LoginCommand.CONSOLE_PATH,
        200,
        new JsonObject()
            .put("session", USER)
            .put("profiles", "dev-login,dev-role")
            .put("authorizeUrl", LINK)
            .put("attempt", attempt)
            .put("started", "2026-12-06T12:00:00Z"));
  }

  /** {@code state}, the last sign-in that finished being number {@code attempt}. */
  private static JsonObject finished(String state, long attempt, String error) {
    JsonObject status = loginStatus(state, error);
    status
        .getJsonArray("loginSessions")
        .getJsonObject(0)
        .put(
            "lastSignIn",
            new JsonObject()
                .put("attempt", attempt)
                .put("started", "2026-12-06T12:00:00Z")
                .put("finished", "2026-12-06T12:01:00Z")
                .put("ok", error == null)
                .put("error", error));
    return status;
  }

  @Test
  void consoleSignInDenied_whileTheSessionStillRefreshes_exits1WithItsError() {
    consoleStarts(3);
    statuses(
        finished("SigningIn", 2, null),
        finished("SignedIn", 3, "sign-in failed: sign-in denied in the browser (access_denied)"));

    Run run = login(Duration.ofSeconds(30), "dev-login");

    assertThat(run.exit()).as(run.out()).isEqualTo(1);
    assertThat(run.err())
        .contains("rolekeeper login: sign-in failed: sign-in denied in the browser");
    assertThat(run.out()).doesNotContain("Signed in as");
  }

  @Test
  void consoleSignIn_waitsForItsOwnAttempt_notAnEarlierOutcome() {
    consoleStarts(3);
    statuses(
        finished("SignedIn", 2, null),
        finished("SignedIn", 2, null),
        finished("SignedIn", 3, null));

    Run run = login(Duration.ofSeconds(30), "dev-login");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Signed in as " + USER, "profiles dev-login, dev-role");
    assertThat(statusCalls.get()).as("polled until attempt 3 finished").isEqualTo(3);
  }

  @Test
  void consoleSignInNeverFinishes_givesUp() {
    consoleStarts();
    statuses(loginStatus("SigningIn", null));

    Run run = login(Duration.ofMillis(300));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("did not finish", "run rolekeeper login again");
    assertThat(statusCalls.get()).isGreaterThan(1);
  }

  @Test
  void noLoginSession_fallsBackToTheSsoSignIn() {
    answer(
        LoginCommand.CONSOLE_PATH,
        404,
        new JsonObject().put("code", "NoLoginSession").put("message", "no console sign-in"));
    ssoAnswers();

    Run run = login(Duration.ofSeconds(30), "demo");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(requests)
        .containsSubsequence(
            "POST " + LoginCommand.CONSOLE_PATH + " {\"name\":\"demo\"}",
            "POST " + LoginCommand.PATH + " {\"session\":\"demo\"}");
    assertThat(run.out())
        .contains("To sign in to SSO session demo", "shows the code ABCD-EFGH")
        .contains("Signed in to SSO session demo");
  }

  @Test
  void daemonWithoutTheConsoleRoute_fallsBackToTheSsoSignIn() {
    ssoAnswers();

    Run run = login(Duration.ofSeconds(30));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(requests.get(1)).isEqualTo("POST " + LoginCommand.PATH + " {}");
  }

  @Test
  void neitherKindMatchesTheName_exits1NamingBothAndStatus() {
    answer(
        LoginCommand.CONSOLE_PATH,
        404,
        new JsonObject().put("code", "NoLoginSession").put("message", "no console sign-in"));
    answer(
        LoginCommand.PATH,
        404,
        new JsonObject()
            .put("code", "NoSsoSession")
            .put("message", "no served profile uses SSO session 'nosuch'"));

    Run run = login(Duration.ofSeconds(30), "nosuch");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("'nosuch' is neither a served profile with a console sign-in (login_session)")
        .contains("nor the SSO session of a served profile")
        .contains("`rolekeeper status`");
  }

  @Test
  void consoleRouteRefuses_otherwise_exits1WithoutTryingSso() {
    answer(
        LoginCommand.CONSOLE_PATH,
        502,
        new JsonObject().put("code", "SignInFailed").put("message", "the sign-in could not start"));

    Run run = login(Duration.ofSeconds(30), "dev-login");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the sign-in could not start");
    assertThat(requests).hasSize(1);
  }

  @Test
  void help_namesBothKindsOfSignIn() {
    Run run = login(Duration.ofSeconds(1), "--help");
    assertThat(run.out()).contains("console sign-in", "login_session", "IAM Identity Center");
  }

  @Test
  void status_consoleSessionNeedingASignIn_namesItsStateTimesLastErrorAndTheLoginCommand() {
    statuses(loginStatus("SignInNeeded", "the refresh was refused (USER_CREDENTIALS_CHANGED)"));
    StringWriter out = new StringWriter();

    int exit =
        new CommandLine(new StatusCommand())
            .setOut(new PrintWriter(out))
            .execute("--state-dir", stateDir.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "Console sign-ins (aws login):\n" + USER + "  [SignInNeeded]\n",
            "  profiles:      dev-login, dev-role\n",
            "  expires:       2026-12-06T13:00:00Z\n",
            "  session ends:  2026-12-07T00:00:00Z (estimated)\n",
            "  next sign-in:  2026-12-06T23:50:00Z\n",
            "  sign in with:  rolekeeper login dev-login\n",
            "  last error:    the refresh was refused (USER_CREDENTIALS_CHANGED)\n");
  }

  private void ssoAnswers() {
    answer(
        LoginCommand.PATH,
        200,
        new JsonObject()
            .put("session", "demo")
            .put("verificationUri", "https://device.sso.example/")
            .put("verificationUriComplete", "https://device.sso.example/?user_code=ABCD-EFGH")
            .put("userCode", "ABCD-EFGH")
            .put("expiresAt", java.time.Instant.now().plusSeconds(600).toString()));
    JsonObject signedIn =
        new JsonObject()
            .put("name", "demo")
            .put("state", "SignedIn")
            .put("tokenExpires", "2026-12-06T20:00:00Z")
            .put("profiles", new JsonArray().add("demo-sso"));
    statuses(
        new JsonObject()
            .put("loginSessions", new JsonArray())
            .put("ssoSessions", new JsonArray().add(signedIn)));
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.ConsoleDaemon.CONSOLE;
import static dev.rolekeeper.daemon.ConsoleDaemon.OPS;
import static dev.rolekeeper.daemon.ConsoleDaemon.OPS_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.Polling;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.http.Http.Reply;
import dev.rolekeeper.signin.AuthorizePage;
import dev.rolekeeper.signin.LoginToken;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon serving a console sign-in profile ({@code login_session}, {@code aws login}) and a
 * role chained from it, against the STS and Sign-In simulator on the wall clock (the daemon takes
 * no clock, and the SDK's DPoP proofs carry the real time, so the simulator issues credentials of
 * seconds): the Java SDK's container provider as the client, refreshes of the sign-in session under
 * a role that keeps being served, a refused refresh token asked ahead and then {@code
 * LoginRequired}, and {@code rolekeeper login} run as the CLI with the authorize page answered over
 * plain HTTP, its exit the outcome of its own sign-in even where a denied one leaves the session
 * signed in. No secret reaches a log line.
 */
@ExtendWith(VertxExtension.class)
class ConsoleSignInDaemonTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path home;

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  private Vertx vertx;
  private ConsoleDaemon daemon;
  private String user;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    daemon = ConsoleDaemon.prepare(vertx, home);
    user = daemon.user;
  }

  @AfterEach
  void tearDown() throws Exception {
    daemon.close();
    daemon.assertNoSecretIn(logs.lines());
  }

  @Test
  void loginSessionAndChainedRole_servedToTheJavaSdk_throughRefreshesOfTheSignInSession()
      throws Exception {
    // Credentials of 8 seconds: the sign-in session is refreshed while the test watches.
    daemon.sim.signin().accessSeconds(8);
    LoginToken written = daemon.signIn(null);
    daemon.running.startDaemon(vertx);

    assertThat(daemon.sdkCallerArn(CONSOLE)).isEqualTo(user);
    assertThat(daemon.sdkCallerArn(OPS)).isEqualTo(OPS_ARN);
    assertThat(daemon.sim.calls("CreateOAuth2Token"))
        .as("the cached credentials were too short-lived to serve: refreshed first")
        .isPositive();
    LoginToken first = daemon.cached();
    assertThat(first.refreshToken()).as("rotated in the file").isNotEqualTo(written.refreshToken());
    assertThat(first.dpopKey()).isEqualTo(written.dpopKey());
    int refreshes = daemon.sim.calls("CreateOAuth2Token");
    JsonObject ops = daemon.credentials(OPS, 200).json();
    JsonObject console = daemon.credentials(CONSOLE, 200).json();

    // Once the console credentials seen now are expired for STS too, ops' next AssumeRole can
    // only be signed with credentials of a later refresh.
    Polling.until(vertx, () -> !daemon.accepted(console), WAIT);
    assertThat(daemon.credentials(OPS, 200).json().getString("AccessKeyId"))
        .as("ops is still served")
        .isEqualTo(ops.getString("AccessKeyId"));
    assertThat(daemon.control("/control/refresh/" + OPS).status()).isEqualTo(200);

    JsonObject reassumed = daemon.credentials(OPS, 200).json();
    assertThat(reassumed.getString("AccessKeyId")).isNotEqualTo(ops.getString("AccessKeyId"));
    assertThat(daemon.callerArn(reassumed)).isEqualTo(OPS_ARN);
    assertThat(daemon.sim.calls("CreateOAuth2Token")).isGreaterThan(refreshes);
    assertThat(daemon.sim.calls("AssumeRole")).isEqualTo(2);
    LoginToken later = daemon.cached();
    assertThat(later.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(later.credentials().expiration()).isAfter(first.credentials().expiration());
    assertThat(daemon.sdkCallerArn(CONSOLE)).isEqualTo(user);
  }

  @Test
  void refusedRefresh_askedAhead_lastKnownGoodWhileValid_then503_untilRolekeeperLogin()
      throws Exception {
    daemon.sim.signin().accessSeconds(10);
    daemon.signIn(null);
    daemon.running.startDaemon(vertx);
    assertThat(daemon.credentials(CONSOLE, 200).json().getString("AccessKeyId")).isNotNull();
    daemon.credentials(OPS, 200);

    daemon.sim.signin().changePassword();

    // The console session is refreshed at half-life: the service refuses, and the sign-in is asked
    // for while the credentials held still have seconds to go.
    Polling.until(vertx, () -> warned(CONSOLE), WAIT);
    AwsCredentials held = daemon.running.currentCredentials(CONSOLE);
    JsonObject login = daemon.loginSession();
    assertThat(login.getString("state")).isEqualTo("SignInNeeded");
    assertThat(login.getString("lastError")).contains("USER_CREDENTIALS_CHANGED");
    assertThat(login.getString("signInNeededBy"))
        .isEqualTo(held.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
    JsonObject lastGood = daemon.credentials(CONSOLE, 200).json();
    assertThat(lastGood.getString("AccessKeyId")).isEqualTo(held.accessKeyId());
    assertThat(Instant.parse(lastGood.getString("Expiration"))).isAfter(Instant.now());
    int refusals = daemon.sim.calls("CreateOAuth2Token");

    Polling.until(vertx, () -> daemon.status(CONSOLE) == 503, WAIT);
    Reply required = daemon.credentials(CONSOLE, 503);
    assertThat(required.json().getString("code")).isEqualTo("LoginRequired");
    assertThat(required.json().getString("message"))
        .contains("rolekeeper login " + CONSOLE)
        .contains("USER_CREDENTIALS_CHANGED");
    daemon.credentials(OPS, 200); // ops' own session lasts an hour
    assertThat(daemon.sim.calls("CreateOAuth2Token"))
        .as("a refused refresh token is not tried again")
        .isEqualTo(refusals);
    assertThat(logs.lines().stream().filter(line -> line.startsWith("Sign in to AWS")))
        .as("announced once")
        .hasSize(1);

    LoginRun signIn = LoginRun.start(CONSOLE, daemon.running.daemon.stateDir());
    new AuthorizePage().follow(signIn.authorizeUrl(vertx), "approve");
    assertThat(signIn.exit()).as(signIn.err()).isZero();
    assertThat(signIn.out()).contains("Signed in as " + user).contains(CONSOLE);

    Polling.until(vertx, () -> daemon.status(CONSOLE) == 200, WAIT);
    assertThat(daemon.callerArn(daemon.credentials(CONSOLE, 200).json())).isEqualTo(user);
    assertThat(daemon.callerArn(daemon.credentials(OPS, 200).json())).isEqualTo(OPS_ARN);
    assertThat(daemon.loginSession().getString("state")).isEqualTo("SignedIn");
  }

  @Test
  void loginCommand_deniedWhileLastKnownGoodIsServed_exits1_thenApproved_exits0() throws Exception {
    // Good for three more minutes as far as the daemon knows: inside the refresh window, and
    // served as last-known-good once the refresh is refused.
    daemon.signIn(Instant.now().plus(Duration.ofMinutes(3)));
    daemon.sim.signin().endSessions();
    daemon.running.startDaemon(vertx);
    JsonObject lastGood = daemon.credentials(CONSOLE, 200).json();
    assertThat(Instant.parse(lastGood.getString("Expiration")))
        .isAfter(Instant.now().plus(Duration.ofMinutes(2)));
    assertThat(warned(CONSOLE)).isTrue();
    assertThat(daemon.loginSession().getString("lastError")).contains("TOKEN_EXPIRED");
    assertThat(daemon.loginSession().getString("state")).isEqualTo("SignInNeeded");

    LoginRun denied = LoginRun.start(CONSOLE, daemon.running.daemon.stateDir());
    new AuthorizePage().follow(denied.authorizeUrl(vertx), "deny");
    assertThat(denied.exit()).as(denied.out()).isEqualTo(1);
    assertThat(denied.err()).contains("sign-in denied in the browser");
    assertThat(daemon.credentials(CONSOLE, 200).json().getString("AccessKeyId"))
        .as("still the last known good")
        .isEqualTo(lastGood.getString("AccessKeyId"));

    LoginRun approved = LoginRun.start(CONSOLE, daemon.running.daemon.stateDir());
    new AuthorizePage().follow(approved.authorizeUrl(vertx), "approve");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("Signed in as " + user).contains(CONSOLE);
    JsonObject login = daemon.loginSession();
    assertThat(login.getString("state")).isEqualTo("SignedIn");
    assertThat(login.getString("lastError")).isNull();

    // The old credentials stay served until the session's own refresh; one now takes the new ones.
    assertThat(daemon.control("/control/refresh/" + CONSOLE).status()).isEqualTo(200);
    JsonObject served = daemon.credentials(CONSOLE, 200).json();
    LoginToken signedIn = daemon.cached();
    assertThat(served.getString("AccessKeyId")).isEqualTo(signedIn.credentials().accessKeyId());
    assertThat(daemon.callerArn(served)).isEqualTo(user);
    assertThat(signedIn.idToken()).isNotNull();
    assertThat(daemon.sim.calls("CreateOAuth2Token"))
        .as("the refused refresh, and one code grant")
        .isEqualTo(2);
  }

  @Test
  void loginCommand_deniedWhileTheSessionStillRefreshes_exits1_thenApproved_exits0()
      throws Exception {
    // A sign-in asked for ahead of the session's end: the refresh token still works, so the
    // session stays SignedIn through the denied sign-in.
    daemon.signIn(null);
    daemon.running.startDaemon(vertx);
    JsonObject served = daemon.credentials(CONSOLE, 200).json();
    assertThat(daemon.loginSession().getString("state")).isEqualTo("SignedIn");
    assertThat(daemon.loginSession().getValue("lastSignIn")).isNull();

    LoginRun denied = LoginRun.start(CONSOLE, daemon.running.daemon.stateDir());
    new AuthorizePage().follow(denied.authorizeUrl(vertx), "deny");
    assertThat(denied.exit()).as(denied.out()).isEqualTo(1);
    assertThat(denied.err()).contains("sign-in denied in the browser");
    assertThat(denied.out()).doesNotContain("Signed in as");
    JsonObject login = daemon.loginSession();
    assertThat(login.getString("state"))
        .as("the old session still refreshes")
        .isEqualTo("SignedIn");
    JsonObject first = login.getJsonObject("lastSignIn");
    assertThat(first.getBoolean("ok")).isFalse();
    assertThat(first.getString("error")).contains("sign-in denied in the browser");
    assertThat(daemon.credentials(CONSOLE, 200).json().getString("AccessKeyId"))
        .isEqualTo(served.getString("AccessKeyId"));

    LoginRun approved = LoginRun.start(CONSOLE, daemon.running.daemon.stateDir());
    new AuthorizePage().follow(approved.authorizeUrl(vertx), "approve");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("Signed in as " + user);
    JsonObject second = daemon.loginSession().getJsonObject("lastSignIn");
    assertThat(second.getBoolean("ok")).isTrue();
    assertThat(second.getValue("error")).isNull();
    assertThat(second.getLong("attempt")).isGreaterThan(first.getLong("attempt"));
    assertThat(Instant.parse(second.getString("finished")))
        .isAfterOrEqualTo(Instant.parse(second.getString("started")));
  }

  /** Whether the daemon logged, as a warning, the ask for a sign-in naming the command. */
  private boolean warned(String profile) {
    return logs.events().stream()
        .anyMatch(
            event ->
                event.getLevel() == Level.WARN
                    && event.getFormattedMessage().startsWith("Sign in to AWS: profile " + profile)
                    && event
                        .getFormattedMessage()
                        .contains("run `rolekeeper login " + profile + "`"));
  }
}

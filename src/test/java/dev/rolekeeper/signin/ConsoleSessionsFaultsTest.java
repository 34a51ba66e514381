package dev.rolekeeper.signin;

import static dev.rolekeeper.signin.SdkRefreshTest.CALLS_PER_REFRESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rolekeeper.Polling;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.Fault;
import dev.rolekeeper.session.StsFailureException;
import dev.rolekeeper.signin.BrowserSignIn.Attempt;
import dev.rolekeeper.signin.ConsoleSignInException.Reason;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * A console session through the Sign-In service's failures, as the SDK parses them: a missing
 * {@code signin:CreateOAuth2Token} (no sign-in helps: say which policy), and server errors and
 * throttling (keep the last good, try again). The SDK does not retry, so each test plans exactly
 * {@link SdkRefreshTest#CALLS_PER_REFRESH} faults for a refresh that fails.
 */
class ConsoleSessionsFaultsTest extends ConsoleTestSupport {

  private final AuthorizePage browser = new AuthorizePage();

  @Test
  void insufficientPermissions_lastGoodWhileValid_notASignIn_thenFatalNamingThePolicy()
      throws Exception {
    signedIn(Duration.ofMinutes(15));
    AwsCredentials first = credentials("dev");
    sim.signin().denyPermission(true);

    clock.advance(Duration.ofMinutes(11));
    assertThat(credentials("dev")).as("last known good").isEqualTo(first);
    assertThat(tokenCalls()).as("a refusal is not retried by the SDK").isEqualTo(1);
    assertThat(status().lastError())
        .contains("signin:CreateOAuth2Token", "SignInLocalDevelopmentAccess");
    assertThat(status().state()).as("signed in: a sign-in would not help").isEqualTo("SignedIn");

    clock.advance(Duration.ofMinutes(5));
    StsFailureException refused = refused("dev");

    assertThat(refused.failure().kind()).isEqualTo(FailureKind.FATAL);
    assertThat(refused.failure().code()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    assertThat(refused.failure().message())
        .contains(settings.label(), "signin:CreateOAuth2Token", "SignInLocalDevelopmentAccess")
        .doesNotContain("rolekeeper login");
    assertThat(prompter.needs).as("not announced as a sign-in").isEmpty();
    assertThat(logs.lines())
        .anyMatch(line -> line.contains("SignInLocalDevelopmentAccess"))
        .noneMatch(line -> line.contains("Sign in to AWS"));

    sim.signin().denyPermission(false);
    AwsCredentials back = credentials("dev");
    assertThat(callerArn(back)).as("the refused token was kept").isEqualTo(sim.signin().userArn());
    assertThat(status().lastError()).isNull();
  }

  @Test
  void serverErrors_lastGoodKept_thenRetryable_andTheNextRefreshRecovers() throws Exception {
    transientFailure(Fault.SERVER_ERROR, "InternalServerException (HTTP 500)", true);
  }

  @Test
  void throttling_lastGoodKept_andTheNextRefreshRecovers() throws Exception {
    transientFailure(Fault.THROTTLE, "TooManyRequestsError (HTTP 429)", false);
  }

  private void transientFailure(Fault fault, String what, boolean alsoPastExpiry) throws Exception {
    signedIn(Duration.ofMinutes(15));
    AwsCredentials first = credentials("dev");
    sim.signin().failNext(fault, CALLS_PER_REFRESH);

    clock.advance(Duration.ofMinutes(11));
    assertThat(credentials("dev")).as("last known good").isEqualTo(first);
    assertThat(tokenCalls()).as("one call, no SDK retries").isEqualTo(CALLS_PER_REFRESH);
    assertThat(status().lastError()).contains(what);
    assertThat(status().state()).isEqualTo("SignedIn");

    if (alsoPastExpiry) {
      clock.advance(Duration.ofMinutes(5));
      sim.signin().failNext(fault, CALLS_PER_REFRESH);
      StsFailureException down = refused("dev");
      assertThat(down.failure().kind()).isEqualTo(FailureKind.RETRYABLE);
      assertThat(down.failure().message()).contains(what).doesNotContain("rolekeeper login");
    }
    int calls = tokenCalls();
    AwsCredentials back = credentials("dev");

    assertThat(tokenCalls()).as("tried again, and it went through").isEqualTo(calls + 1);
    assertThat(back.accessKeyId()).isNotEqualTo(first.accessKeyId());
    assertThat(callerArn(back)).isEqualTo(sim.signin().userArn());
    assertThat(status().lastError()).isNull();
    assertThat(prompter.needs).as("no sign-in helps").isEmpty();
  }

  @Test
  void signInWithoutPermission_failsNamingThePolicy_writesNothing_andTheSessionWaits()
      throws Exception {
    sim.signin().denyPermission(true);
    // The sessions of this test sign in through the real browser flow and the SDK's exchange.
    sessions.stop();
    sessions =
        new ConsoleSessions(
            vertx,
            new SdkRefresh(cache, clients),
            new ConsoleSignIn(vertx, cache, clients),
            prompter,
            clock,
            LEAD);
    refused("dev");

    String callback =
        browser.decide(await(sessions.startSignIn("dev", false)).authorizeUrl(), "approve");
    browser.get(callback);
    Polling.until(
        vertx,
        () -> String.valueOf(status().lastError()).contains("sign-in failed"),
        Duration.ofSeconds(30));

    assertThat(status().lastError())
        .contains("sign-in failed", "INSUFFICIENT_PERMISSIONS")
        .contains("signin:CreateOAuth2Token", "SignInLocalDevelopmentAccess");
    assertThat(status().state()).isEqualTo("SignInNeeded");
    assertThat(cache.fileFor(settings.session())).doesNotExist();
    assertThat(logs.lines()).noneMatch(line -> line.contains(code(callback)));
    ConsoleSignInTest.assertListenerClosed(vertx, callback);
  }

  @Test
  void codeGrant_withoutPermission_isRefused_namingThePolicy_andWritesNothing() throws Exception {
    sim.signin().denyPermission(true);

    ConsoleSignInException failed = failedSignIn();

    assertThat(failed.reason()).isEqualTo(Reason.REFUSED);
    assertThat(failed.getMessage())
        .contains("signin:CreateOAuth2Token", "SignInLocalDevelopmentAccess")
        .contains("AccessDeniedException INSUFFICIENT_PERMISSIONS");
    assertThat(cache.fileFor(settings.session())).doesNotExist();
  }

  @Test
  void codeGrant_onAFailingService_saysSignInAgain_andWritesNothing() throws Exception {
    sim.signin().failNext(Fault.SERVER_ERROR, CALLS_PER_REFRESH);

    ConsoleSignInException failed = failedSignIn();

    assertThat(failed.reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(failed.getMessage()).contains("sign in again", "InternalServerException, HTTP 500");
    assertThat(tokenCalls()).isEqualTo(CALLS_PER_REFRESH);
    assertThat(cache.fileFor(settings.session())).doesNotExist();
  }

  /** A browser sign-in approved at once, whose exchange fails; the code is in no message. */
  private ConsoleSignInException failedSignIn() throws Exception {
    Attempt attempt = await(new ConsoleSignIn(vertx, cache, clients).start(settings));
    String callback = browser.decide(attempt.authorizeUrl(), "approve");
    browser.get(callback);
    Throwable thrown = catchThrowable(() -> await(attempt.done()));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOf(ConsoleSignInException.class);
    assertThat(thrown.getCause().getMessage()).doesNotContain(code(callback));
    assertThat(logs.lines()).noneMatch(line -> line.contains(code(callback)));
    ConsoleSignInTest.assertListenerClosed(vertx, callback);
    return (ConsoleSignInException) thrown.getCause();
  }

  private static String code(String callback) {
    return URI.create(callback).getRawQuery().replaceAll(".*code=([^&]*).*", "$1");
  }
}

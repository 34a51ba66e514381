package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The simulated AWS Sign-In service: the browser's authorize page, both token grants, and the
 * credentials they issue, which the STS side accepts.
 */
class SigninSimulatorTest extends SimulatorTestSupport {

  private SigninBrowser browser;
  private KeyPair key;

  @BeforeEach
  void browser() throws Exception {
    browser = new SigninBrowser(sim.endpoint());
    key = DpopProofs.newKey();
  }

  private String proof(KeyPair with) throws Exception {
    return DpopProofs.proof(
        with, "POST", browser.tokenUrl(), clock.instant(), UUID.randomUUID().toString());
  }

  private JsonObject signIn() throws Exception {
    HttpResponse<String> answer =
        browser.token(browser.codeGrant(browser.approve(), browser.verifier), proof(key));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body());
  }

  /** Asserts the answer is Sign-In's 400 error with this type and code, and returns its message. */
  static String refusal(HttpResponse<String> answer, String type, String error) {
    return error(answer, 400, type, error);
  }

  /** Asserts the answer is a Sign-In error with this status, type and code; returns its message. */
  static String error(HttpResponse<String> answer, int status, String type, String error) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    JsonObject body = new JsonObject(answer.body());
    assertThat(body.getString("error")).isEqualTo(error);
    assertThat(body.getString("message")).isNotBlank();
    return body.getString("message");
  }

  @Test
  void approvedCode_redeemedWithVerifierAndProof_givesConsoleUserCredentialsAndIdToken()
      throws Exception {
    assertThat(browser.get(browser.authorizeUrl(SigninBrowser.CALLBACK)).body())
        .contains(ALICE.arn());

    JsonObject token = signIn();

    JsonObject access = token.getJsonObject("accessToken");
    assertThat(access.getString("accessKeyId")).startsWith("ASIA");
    assertThat(access.getString("secretAccessKey")).isNotBlank();
    assertThat(access.getString("sessionToken")).isNotBlank();
    assertThat(token.getString("tokenType")).isEqualTo("aws_sigv4");
    assertThat(token.getInteger("expiresIn")).isEqualTo(900);
    assertThat(token.getString("refreshToken")).isNotBlank();
    String[] idToken = token.getString("idToken").split("\\.");
    JsonObject claims =
        new JsonObject(
            new String(Base64.getUrlDecoder().decode(idToken[1]), StandardCharsets.UTF_8));
    assertThat(claims.getString("sub")).isEqualTo(ALICE.arn()).isEqualTo(sim.signin().userArn());
    assertThat(sim.calls("CreateOAuth2Token")).isEqualTo(1);
  }

  @Test
  void issuedCredentials_signStsCallsAsTheConsoleUser_andChainIntoARole() throws Exception {
    JsonObject access = signIn().getJsonObject("accessToken");
    var sts =
        client(
            AwsSessionCredentials.create(
                access.getString("accessKeyId"),
                access.getString("secretAccessKey"),
                access.getString("sessionToken")));

    assertThat(sts.getCallerIdentity().arn()).isEqualTo(ALICE.arn());
    Credentials role = sts.assumeRole(r -> r.roleArn(DEV).roleSessionName("console")).credentials();
    assertThat(as(role).getCallerIdentity().arn())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/dev/console");
  }

  @Test
  void refresh_rotatesTheRefreshToken_andTheOldOneIsRefused() throws Exception {
    JsonObject first = signIn();
    String old = first.getString("refreshToken");

    HttpResponse<String> refreshed = browser.token(SigninBrowser.refreshGrant(old), proof(key));

    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    JsonObject second = new JsonObject(refreshed.body());
    assertThat(second.getString("refreshToken")).isNotBlank().isNotEqualTo(old);
    assertThat(second.getJsonObject("accessToken").getString("accessKeyId"))
        .isNotEqualTo(first.getJsonObject("accessToken").getString("accessKeyId"));
    assertThat(second.containsKey("idToken")).isFalse();
    refusal(
        browser.token(SigninBrowser.refreshGrant(old), proof(key)),
        "AccessDeniedException",
        "TOKEN_EXPIRED");
    assertThat(
            browser
                .token(SigninBrowser.refreshGrant(second.getString("refreshToken")), proof(key))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void refreshWithAnotherKey_isRefused_andTheBoundKeyCanStillUseIt() throws Exception {
    String refreshToken = signIn().getString("refreshToken");

    String message =
        refusal(
            browser.token(SigninBrowser.refreshGrant(refreshToken), proof(DpopProofs.newKey())),
            "ValidationException",
            "INVALID_REQUEST");

    assertThat(message).contains("bound");
    assertThat(browser.token(SigninBrowser.refreshGrant(refreshToken), proof(key)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void lastRefreshOfTheSession_givesCredentialsOnlyUntilTheSessionEnds() throws Exception {
    clock.advance(Duration.ofMillis(500));
    JsonObject first = signIn();
    assertThat(first.getInteger("expiresIn")).as("counted from the whole second").isEqualTo(900);

    clock.advance(Duration.ofHours(12).minusSeconds(100));
    HttpResponse<String> last =
        browser.token(SigninBrowser.refreshGrant(first.getString("refreshToken")), proof(key));

    assertThat(new JsonObject(last.body()).getInteger("expiresIn")).isEqualTo(100);
  }

  @Test
  void accessSeconds_shortensTheCredentialsOfBothGrants_andRefusesOutOfRange() throws Exception {
    sim.signin().accessSeconds(7);

    JsonObject first = signIn();
    HttpResponse<String> refreshed =
        browser.token(SigninBrowser.refreshGrant(first.getString("refreshToken")), proof(key));

    assertThat(first.getInteger("expiresIn")).isEqualTo(7);
    assertThat(new JsonObject(refreshed.body()).getInteger("expiresIn")).isEqualTo(7);
    assertThatThrownBy(() -> sim.signin().accessSeconds(901))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.signin().accessSeconds(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void passwordChange_refusesRefreshWithUserCredentialsChanged() throws Exception {
    String refreshToken = signIn().getString("refreshToken");

    sim.signin().changePassword();

    refusal(
        browser.token(SigninBrowser.refreshGrant(refreshToken), proof(key)),
        "AccessDeniedException",
        "USER_CREDENTIALS_CHANGED");
  }

  @Test
  void endedSession_refusesRefreshWithTokenExpired() throws Exception {
    String refreshToken = signIn().getString("refreshToken");

    sim.signin().endSessions();

    refusal(
        browser.token(SigninBrowser.refreshGrant(refreshToken), proof(key)),
        "AccessDeniedException",
        "TOKEN_EXPIRED");
  }

  @Test
  void wrongVerifier_isRefused_andTheCodeIsSpent() throws Exception {
    String code = browser.approve();

    String message =
        refusal(
            browser.token(browser.codeGrant(code, "w".repeat(50)), proof(key)),
            "ValidationException",
            "INVALID_REQUEST");

    assertThat(message).contains("code verifier");
    refusal(
        browser.token(browser.codeGrant(code, browser.verifier), proof(key)),
        "ValidationException",
        "INVALID_REQUEST");
  }

  @Test
  void codeRedeemedTwice_isRefusedTheSecondTime() throws Exception {
    String code = browser.approve();
    assertThat(browser.token(browser.codeGrant(code, browser.verifier), proof(key)).statusCode())
        .isEqualTo(200);

    refusal(
        browser.token(browser.codeGrant(code, browser.verifier), proof(key)),
        "ValidationException",
        "INVALID_REQUEST");
  }

  @Test
  void codeRedeemedAfterItsLifetime_isAuthcodeExpired() throws Exception {
    String code = browser.approve();
    clock.advance(SigninDirectory.CODE_LIFE.plusSeconds(1));

    refusal(
        browser.token(browser.codeGrant(code, browser.verifier), proof(key)),
        "AccessDeniedException",
        "AUTHCODE_EXPIRED");
  }

  @Test
  void deny_redirectsWithAccessDeniedAndTheState() throws Exception {
    assertThat(browser.decide("deny"))
        .containsEntry("error", "access_denied")
        .containsEntry("state", browser.state)
        .doesNotContainKey("code");
  }

  @Test
  void authorizePage_refusesANonLoopbackRedirect_andAnAnsweredRequest() throws Exception {
    assertThat(browser.get(browser.authorizeUrl("https://evil.example/cb")).statusCode())
        .isEqualTo(400);

    String request = browser.openPage();
    assertThat(browser.post(request, "approve").statusCode()).isEqualTo(302);
    assertThat(browser.post(request, "approve").statusCode()).isEqualTo(400);
  }

  @Test
  void deniedPermission_refusesBothGrantsAsInsufficientPermissions_andSpendsNoRefreshToken()
      throws Exception {
    String refreshToken = signIn().getString("refreshToken");
    sim.signin().denyPermission(true);

    String refreshMessage =
        refusal(
            browser.token(SigninBrowser.refreshGrant(refreshToken), proof(key)),
            "AccessDeniedException",
            "INSUFFICIENT_PERMISSIONS");
    SigninBrowser again = new SigninBrowser(sim.endpoint());
    String codeMessage =
        refusal(
            again.token(again.codeGrant(again.approve(), again.verifier), proof(key)),
            "AccessDeniedException",
            "INSUFFICIENT_PERMISSIONS");

    assertThat(refreshMessage)
        .isEqualTo(codeMessage)
        .contains(ALICE.arn())
        .contains("signin:CreateOAuth2Token");
    sim.signin().denyPermission(false);
    assertThat(browser.token(SigninBrowser.refreshGrant(refreshToken), proof(key)).statusCode())
        .as("the refused token is still good once the permission is back")
        .isEqualTo(200);
  }

  @Test
  void deniedPermission_stillSaysWhenTheSessionIsOver() throws Exception {
    String refreshToken = signIn().getString("refreshToken");
    sim.signin().changePassword();
    sim.signin().denyPermission(true);

    refusal(
        browser.token(SigninBrowser.refreshGrant(refreshToken), proof(key)),
        "AccessDeniedException",
        "USER_CREDENTIALS_CHANGED");
  }

  @Test
  void failNext_answersTheTokenRouteInSigninShapes_thenTheRequestGoesThrough() throws Exception {
    String refreshToken = signIn().getString("refreshToken");
    sim.resetCounters();
    sim.signin().failNext(Fault.SERVER_ERROR, 1);
    sim.signin().failNext(Fault.THROTTLE, 1);
    sim.signin().failNext(Fault.SERVICE_UNAVAILABLE, 1);
    sim.signin().failNext(Fault.ACCESS_DENIED, 1);
    sim.signin().failNext(Fault.RESET, 1);
    JsonObject grant = SigninBrowser.refreshGrant(refreshToken);

    error(browser.token(grant, proof(key)), 500, "InternalServerException", "server_error");
    error(browser.token(grant, proof(key)), 429, "TooManyRequestsError", "rate_exceeded");
    error(
        browser.token(grant, proof(key)),
        503,
        "ServiceUnavailableException",
        "service_unavailable");
    refusal(browser.token(grant, proof(key)), "AccessDeniedException", "INSUFFICIENT_PERMISSIONS");
    assertThatThrownBy(() -> browser.token(grant, proof(key)))
        .as("the connection dropped without an answer")
        .isInstanceOf(IOException.class);

    assertThat(browser.token(grant, proof(key)).statusCode())
        .as("a faulted request spends nothing")
        .isEqualTo(200);
    assertThat(sim.calls("CreateOAuth2Token")).as("faulted calls count").isEqualTo(6);
  }

  @Test
  void tokenRouteFaults_andStsFaults_areQueuedApart() throws Exception {
    sim.signin().failNext(Fault.SERVER_ERROR, 1);
    sim.failNext(Fault.THROTTLE, 1);

    try (var sts = as(ALICE)) {
      assertThat(stsError(sts::getCallerIdentity).awsErrorDetails().errorCode())
          .isEqualTo("Throttling");
      assertThat(sts.getCallerIdentity().arn()).isEqualTo(ALICE.arn());
    }
    error(
        browser.token(browser.codeGrant(browser.approve(), browser.verifier), proof(key)),
        500,
        "InternalServerException",
        "server_error");
    assertThat(signIn().getString("refreshToken")).isNotBlank();
  }
}

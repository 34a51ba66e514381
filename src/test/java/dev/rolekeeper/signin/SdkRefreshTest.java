package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rolekeeper.sandbox.Fault;
import dev.rolekeeper.signin.LoginCallException.Kind;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.signin.model.AccessDeniedException;
import software.amazon.awssdk.services.signin.model.InternalServerException;
import software.amazon.awssdk.services.signin.model.OAuth2ErrorCode;
import software.amazon.awssdk.services.signin.model.ValidationException;

/**
 * How a failed refresh is sorted, by the cause chain the SDK's login provider leaves: on exceptions
 * built by hand, and on what the SDK makes of the simulated Sign-In service's answers.
 */
class SdkRefreshTest extends ConsoleTestSupport {

  /**
   * Token calls per refresh: one, since the SDK's own retries are off (the session layer owns retry
   * timing), so a test plans exactly that many faults.
   */
  static final int CALLS_PER_REFRESH = 1;

  /** As the provider throws a refusal: its own message, the service's exception as the cause. */
  private static SdkClientException wrapped(OAuth2ErrorCode error) {
    return SdkClientException.create(
        "Unable to refresh credentials",
        AccessDeniedException.builder()
            .error(error)
            .message("refresh-token-123 must never be repeated")
            .statusCode(400)
            .build());
  }

  @Test
  void tokenExpired_andPasswordChanged_needASignIn() {
    for (OAuth2ErrorCode error :
        new OAuth2ErrorCode[] {
          OAuth2ErrorCode.TOKEN_EXPIRED, OAuth2ErrorCode.USER_CREDENTIALS_CHANGED
        }) {
      LoginCallException sorted = SdkRefresh.classify(wrapped(error));

      assertThat(sorted.kind()).isEqualTo(Kind.SIGN_IN_NEEDED);
      assertThat(sorted.code()).isEqualTo(error.toString());
      assertThat(sorted.getMessage())
          .contains(error.toString())
          .doesNotContain("refresh-token-123");
    }
  }

  @Test
  void insufficientPermissions_isFatal_namingThePolicyAndTheAction() {
    LoginCallException sorted =
        SdkRefresh.classify(wrapped(OAuth2ErrorCode.INSUFFICIENT_PERMISSIONS));

    assertThat(sorted.kind()).isEqualTo(Kind.FATAL);
    assertThat(sorted.getMessage())
        .contains("SignInLocalDevelopmentAccess")
        .contains("signin:CreateOAuth2Token")
        .doesNotContain("refresh-token-123");
  }

  @Test
  void serverError_otherRefusals_andNetworkTrouble_areRetryable() {
    LoginCallException server =
        SdkRefresh.classify(
            InternalServerException.builder()
                .statusCode(500)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("InternalServerException")
                        .errorMessage("secret-ish detail")
                        .build())
                .build());
    LoginCallException invalid =
        SdkRefresh.classify(
            ValidationException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build())
                .build());
    LoginCallException network =
        SdkRefresh.classify(
            SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused")));

    assertThat(server.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(server.getMessage()).contains("InternalServerException").contains("HTTP 500");
    assertThat(server.getMessage()).doesNotContain("secret-ish");
    assertThat(invalid.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(network.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(network.code()).isEqualTo("Unreachable");
    assertThat(network.getMessage()).contains("ConnectException: Connection refused");
  }

  private LoginCallException refreshFails() {
    Throwable thrown = catchThrowable(() -> new SdkRefresh(cache, clients).refresh(settings, null));
    assertThat(thrown).isInstanceOf(LoginCallException.class);
    return (LoginCallException) thrown;
  }

  @Test
  void insufficientPermissions_fromTheService_isFatal_namingActionAndPolicy_cacheKept()
      throws Exception {
    LoginToken before = signedIn(Duration.ofMinutes(2));
    sim.signin().denyPermission(true);

    LoginCallException sorted = refreshFails();

    assertThat(sorted.kind()).isEqualTo(Kind.FATAL);
    assertThat(sorted.code()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    assertThat(sorted.getMessage())
        .contains("signin:CreateOAuth2Token", "SignInLocalDevelopmentAccess")
        .doesNotContain(before.refreshToken());
    assertThat(tokenCalls()).as("a refusal is not retried by the SDK").isEqualTo(1);
    assertThat(cache.read(settings.session()).orElseThrow()).isEqualTo(before);
  }

  @Test
  void serverError_fromTheService_isRetryable_afterTheSdksOwnAttempts_cacheKept() throws Exception {
    LoginToken before = signedIn(Duration.ofMinutes(2));
    sim.signin().failNext(Fault.SERVER_ERROR, CALLS_PER_REFRESH);

    LoginCallException sorted = refreshFails();

    assertThat(sorted.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(sorted.code()).isEqualTo("InternalServerException");
    assertThat(sorted.getMessage()).contains("HTTP 500").doesNotContain("injected");
    assertThat(tokenCalls()).isEqualTo(CALLS_PER_REFRESH);
    assertThat(cache.read(settings.session()).orElseThrow()).isEqualTo(before);
  }

  @Test
  void throttling_fromTheService_isRetryable_afterTheSdksOwnAttempts() throws Exception {
    signedIn(Duration.ofMinutes(2));
    sim.signin().failNext(Fault.THROTTLE, CALLS_PER_REFRESH);

    LoginCallException sorted = refreshFails();

    assertThat(sorted.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(sorted.code()).isEqualTo("TooManyRequestsError");
    assertThat(sorted.getMessage()).contains("HTTP 429");
    assertThat(tokenCalls()).isEqualTo(CALLS_PER_REFRESH);
  }

  @Test
  void droppedConnections_areRetryable_asUnreachable() throws Exception {
    signedIn(Duration.ofMinutes(2));
    sim.signin().failNext(Fault.RESET, CALLS_PER_REFRESH);

    LoginCallException sorted = refreshFails();

    assertThat(sorted.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(sorted.code()).isEqualTo("Unreachable");
    assertThat(tokenCalls()).isEqualTo(CALLS_PER_REFRESH);
  }

  @Test
  void oneServerError_failsThatRefreshOnly_andTheNextOneWorksWithTheSameToken() throws Exception {
    LoginToken before = signedIn(Duration.ofMinutes(2));
    sim.signin().failNext(Fault.SERVER_ERROR, 1);
    SdkRefresh refresh = new SdkRefresh(cache, clients);

    assertThatThrownBy(() -> refresh.refresh(settings, null))
        .isInstanceOfSatisfying(
            LoginCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE));
    LoginToken after = refresh.refresh(settings, null);
    remember(after);

    assertThat(tokenCalls()).as("no SDK retry behind the refresher's back").isEqualTo(2);
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(callerArn(after.credentials())).isEqualTo(sim.signin().userArn());
  }
}

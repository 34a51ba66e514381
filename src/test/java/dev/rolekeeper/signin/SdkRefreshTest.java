package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.signin.LoginCallException.Kind;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.signin.model.AccessDeniedException;
import software.amazon.awssdk.services.signin.model.InternalServerException;
import software.amazon.awssdk.services.signin.model.OAuth2ErrorCode;
import software.amazon.awssdk.services.signin.model.ValidationException;

/** How a failed refresh is sorted, by the cause chain the SDK's login provider leaves. */
class SdkRefreshTest {

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
}

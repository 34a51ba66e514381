package dev.rolekeeper.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class StsErrorsTest {

  private static AwsServiceException sts(int status, String code, String message) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .build();
  }

  @ParameterizedTest
  @CsvSource({
    "400, Throttling, Rate exceeded, false, RETRYABLE",
    "503, ServiceUnavailable, down, false, RETRYABLE",
    "500, InternalFailure, oops, false, RETRYABLE",
    "403, ExpiredToken, The security token included in the request is expired, false, SOURCE_EXPIRED",
    "403, AccessDenied, MultiFactorAuthentication failed with invalid MFA one time pass code., true, MFA_REJECTED",
    "403, AccessDenied, MultiFactorAuthentication failed with invalid MFA one time pass code., false, FATAL",
    "403, AccessDenied, User is not authorized to perform: sts:AssumeRole, true, FATAL",
    "403, InvalidClientTokenId, The security token included in the request is invalid., false, FATAL",
    "400, ValidationError, DurationSeconds exceeds the 1 hour session limit, false, FATAL",
    "400, ExpiredTokenException, Token expired: current date/time 2 must be before the expiration date/time1, false, RETRYABLE",
    "400, IDPCommunicationError, Verification key not retrieved from your identity provider, false, RETRYABLE",
    "400, InvalidIdentityToken, Incorrect token audience, false, FATAL",
  })
  void classify_stsErrors_giveTheirKindCodeAndMessage(
      int status, String code, String message, boolean withCode, FailureKind kind) {
    StsOutcome.Failed failed = StsErrors.classify(sts(status, code, message), withCode);

    assertThat(failed.kind()).isEqualTo(kind);
    assertThat(failed.code()).isEqualTo(code);
    assertThat(failed.message()).isEqualTo(message);
  }

  @Test
  void classify_noAnswerFromSts_isRetryableUnreachableWithTheFirstLineOnly() {
    StsOutcome.Failed failed =
        StsErrors.classify(
            SdkClientException.create(
                "Unable to execute HTTP request: Connection refused\n\tat somewhere"),
            false);

    assertThat(failed.kind()).isEqualTo(FailureKind.RETRYABLE);
    assertThat(failed.code()).isEqualTo("Unreachable");
    assertThat(failed.message()).endsWith("Connection refused").doesNotContain("somewhere");
  }

  @Test
  void accountOf_assumedRoleArn_isItsAccount() {
    assertThat(SdkStsGateway.accountOf("arn:aws:sts::123456789012:assumed-role/dev/me"))
        .isEqualTo("123456789012");
    assertThat(SdkStsGateway.accountOf("arn:aws:iam::123456789012:mfa/me"))
        .isEqualTo("123456789012");
    assertThat(SdkStsGateway.accountOf("not-an-arn")).isNull();
    assertThat(SdkStsGateway.accountOf(null)).isNull();
  }

  @Test
  void calls_toString_neverShowTheCodeOrKeys() {
    AwsCredentials keys = AwsCredentials.longTerm("AKIAEXAMPLE", "very-secret-key");
    AssumeRoleCall assume =
        new AssumeRoleCall(
            keys,
            new AssumeRoleCall.Role("arn:aws:iam::1:role/r", "s", 3600, "partner-secret-id"),
            "dev",
            "123456",
            StsTarget.regional("us-east-1"),
            null);
    SessionTokenCall token =
        new SessionTokenCall(keys, 3600, "dev", "654321", StsTarget.regional("us-east-1"), null);

    assertThat(assume.toString())
        .doesNotContain("123456")
        .doesNotContain("very-secret-key")
        .doesNotContain("partner-secret-id");
    assertThat(assume.role()).asString().doesNotContain("partner-secret-id");
    assertThat(token.toString()).doesNotContain("654321").doesNotContain("very-secret-key");
    assertThat(
            new WebIdentityCall(
                "arn:aws:iam::1:role/r",
                "s",
                3600,
                "eyJ.jwt.sig",
                StsTarget.regional("us-east-1"),
                null))
        .asString()
        .doesNotContain("eyJ.jwt.sig");
    assertThat(keys.toString()).doesNotContain("very-secret-key");
  }
}

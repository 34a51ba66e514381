package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.StsException;

/** GetSessionToken, and what temporary credentials may and may not do next. */
class SessionCredentialsTest extends SimulatorTestSupport {

  private static AssumeRoleRequest.Builder assume(String roleArn) {
    return AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName("chained");
  }

  private Credentials bobMfaSession() {
    try (StsClient sts = as(BOB)) {
      return sts.getSessionToken(
              GetSessionTokenRequest.builder()
                  .serialNumber(BOB_MFA.serialArn())
                  .tokenCode(bobCode())
                  .build())
          .credentials();
    }
  }

  @Test
  void getSessionToken_defaultDuration_isTwelveHours() {
    try (StsClient sts = as(ALICE)) {
      Credentials session = sts.getSessionToken().credentials();

      assertThat(session.accessKeyId()).startsWith("ASIA");
      assertThat(session.expiration()).isEqualTo(clock.instant().plusSeconds(43200));
    }
  }

  @Test
  void getSessionTokenSession_callerIdentity_isTheUser() {
    try (StsClient sts = as(bobMfaSession())) {
      assertThat(sts.getCallerIdentity().arn()).isEqualTo(BOB.arn());
    }
  }

  @Test
  void getSessionTokenWithMfa_thenAssumeRoleRequiringMfa_succeedsAndSignsFurtherCalls() {
    Credentials admin;
    try (StsClient sts = as(bobMfaSession())) {
      admin = sts.assumeRole(assume(ADMIN).build()).credentials();
    }
    try (StsClient sts = as(admin)) {
      assertThat(sts.getCallerIdentity().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/admin/chained");
    }
  }

  @Test
  void getSessionTokenWithoutMfa_thenAssumeRoleRequiringMfa_isAccessDenied() {
    Credentials plain;
    try (StsClient sts = as(BOB)) {
      plain = sts.getSessionToken().credentials();
    }
    try (StsClient sts = as(plain)) {
      assertThat(
              stsError(() -> sts.assumeRole(assume(ADMIN).build())).awsErrorDetails().errorCode())
          .isEqualTo("AccessDenied");
    }
  }

  @Test
  void assumeRoleWithTemporaryCredentials_overOneHour_isValidationError() {
    try (StsClient sts = as(bobMfaSession())) {
      StsException e = stsError(() -> sts.assumeRole(assume(ADMIN).durationSeconds(3601).build()));

      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage()).contains("exceeds the 1 hour session limit");
      assertThat(
              sts.assumeRole(assume(ADMIN).durationSeconds(3600).build())
                  .credentials()
                  .expiration())
          .isEqualTo(clock.instant().plusSeconds(3600));
    }
  }

  @Test
  void roleChaining_roleTrustedByRoleArn_acceptsThatRolesSessionOnly() {
    Credentials dev;
    try (StsClient alice = as(ALICE)) {
      assertThat(
              stsError(() -> alice.assumeRole(assume(AUDITOR).build()))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
      dev = alice.assumeRole(assume(DEV).build()).credentials();
    }
    try (StsClient sts = as(dev)) {
      assertThat(sts.assumeRole(assume(AUDITOR).build()).assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/auditor/chained");
    }
  }

  @Test
  void getSessionTokenWithSessionCredentials_isAccessDenied() {
    try (StsClient sts = as(bobMfaSession())) {
      StsException e = stsError(sts::getSessionToken);

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("Cannot call GetSessionToken with session credentials");
    }
  }

  @Test
  void getSessionToken_durationOutOfRange_isValidationError() {
    try (StsClient sts = as(ALICE)) {
      StsException tooLong = stsError(() -> sts.getSessionToken(b -> b.durationSeconds(129601)));
      StsException tooShort = stsError(() -> sts.getSessionToken(b -> b.durationSeconds(899)));

      assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(tooLong.awsErrorDetails().errorMessage()).contains("less than or equal to 129600");
      assertThat(tooShort.awsErrorDetails().errorMessage())
          .contains("greater than or equal to 900");
      assertThat(sts.getSessionToken(b -> b.durationSeconds(129600)).credentials().expiration())
          .isEqualTo(clock.instant().plusSeconds(129600));
    }
  }

  @Test
  void getSessionToken_badThenReusedMfaCode_isAccessDenied() {
    String code = bobCode();
    String wrong = code.equals("999999") ? "999998" : "999999";
    try (StsClient sts = as(BOB)) {
      StsException bad =
          stsError(
              () -> sts.getSessionToken(b -> b.serialNumber(BOB_MFA.serialArn()).tokenCode(wrong)));
      sts.getSessionToken(b -> b.serialNumber(BOB_MFA.serialArn()).tokenCode(code));
      clock.advance(Duration.ofSeconds(20));
      StsException reused =
          stsError(
              () -> sts.getSessionToken(b -> b.serialNumber(BOB_MFA.serialArn()).tokenCode(code)));

      assertThat(bad.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(bad.awsErrorDetails().errorMessage())
          .startsWith("MultiFactorAuthentication failed with invalid MFA");
      assertThat(reused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }
  }

  @Test
  void getSessionToken_mfaForUserWithoutDevice_isAccessDenied() {
    try (StsClient sts = as(ALICE)) {
      StsException e =
          stsError(
              () ->
                  sts.getSessionToken(
                      b ->
                          b.serialNumber("arn:aws:iam::" + ACCOUNT + ":mfa/alice")
                              .tokenCode("123456")));

      assertThat(e.awsErrorDetails().errorMessage()).contains("unable to validate MFA code");
    }
  }
}

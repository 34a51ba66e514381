package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** AssumeRole rules with long-term keys, through the real SDK client. */
class AssumeRoleTest extends SimulatorTestSupport {

  private static AssumeRoleRequest.Builder assume(String roleArn) {
    return AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName("test-session");
  }

  @Test
  void trustedUser_getsSessionForAssumedRole() {
    try (StsClient sts = as(ALICE)) {
      AssumeRoleResponse response = sts.assumeRole(assume(DEV).build());

      assertThat(response.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/dev/test-session");
      assertThat(response.assumedRoleUser().assumedRoleId())
          .startsWith("AROA")
          .endsWith(":test-session");
      assertThat(response.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
      assertThat(response.credentials().secretAccessKey()).hasSize(40);
      assertThat(response.credentials().sessionToken()).hasSizeGreaterThan(100);
      assertThat(response.credentials().expiration()).isEqualTo(clock.instant().plusSeconds(3600));
    }
  }

  @Test
  void issuedSession_signsGetCallerIdentity_returnsAssumedRoleArn() {
    AssumeRoleResponse assumed;
    try (StsClient sts = as(ALICE)) {
      assumed = sts.assumeRole(assume(DEV).roleSessionName("alice@example.com").build());
    }
    try (StsClient sts = as(assumed.credentials())) {
      var identity = sts.getCallerIdentity();

      assertThat(identity.arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/dev/alice@example.com");
      assertThat(identity.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
      assertThat(identity.account()).isEqualTo(ACCOUNT);
    }
  }

  @Test
  void requestedDuration_setsExpiration() {
    try (StsClient sts = as(BOB)) {
      AssumeRoleResponse response = sts.assumeRole(assume(SHARED).durationSeconds(7200).build());

      assertThat(response.credentials().expiration()).isEqualTo(clock.instant().plusSeconds(7200));
    }
  }

  @Test
  void untrustedUser_isAccessDeniedNamingUserAndRole() {
    try (StsClient sts = as(ALICE)) {
      StsException e = stsError(() -> sts.assumeRole(assume(ADMIN).build()));

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: "
                  + ALICE.arn()
                  + " is not authorized to perform: sts:AssumeRole on resource: "
                  + ADMIN);
    }
  }

  @Test
  void unknownRole_isAccessDenied() {
    try (StsClient sts = as(ALICE)) {
      StsException e =
          stsError(() -> sts.assumeRole(assume("arn:aws:iam::" + ACCOUNT + ":role/nope").build()));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }
  }

  @Test
  void wholeAccountTrust_admitsUsersOfThatAccountOnly() {
    try (StsClient alice = as(ALICE);
        StsClient carol = as(CAROL)) {
      assertThat(alice.assumeRole(assume(SHARED).build()).assumedRoleUser().arn())
          .contains("assumed-role/shared/");
      assertThat(
              stsError(() -> carol.assumeRole(assume(SHARED).build()))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
    }
  }

  @Test
  void durationAboveRoleMaximum_isValidationError() {
    try (StsClient sts = as(ALICE)) {
      StsException e = stsError(() -> sts.assumeRole(assume(DEV).durationSeconds(3601).build()));

      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo(
              "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
  }

  @Test
  void durationBelow900_isValidationErrorNamingMember() {
    try (StsClient sts = as(ALICE)) {
      StsException e = stsError(() -> sts.assumeRole(assume(DEV).durationSeconds(899).build()));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo(
              "1 validation error detected: Value '899' at "
                  + "'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
    }
  }

  @Test
  void durationAbove12Hours_isValidationError() {
    try (StsClient sts = as(BOB)) {
      StsException e =
          stsError(
              () ->
                  sts.assumeRole(
                      assume(ADMIN)
                          .durationSeconds(43201)
                          .serialNumber(BOB_MFA.serialArn())
                          .tokenCode(bobCode())
                          .build()));

      assertThat(e.awsErrorDetails().errorMessage())
          .contains("Member must have value less than or equal to 43200");
    }
  }

  @Test
  void roleSessionNameTooShortAndBadCharacters_listsBothViolations() {
    try (StsClient sts = as(ALICE)) {
      StsException e = stsError(() -> sts.assumeRole(assume(DEV).roleSessionName(" ").build()));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage())
          .startsWith("2 validation errors detected: ")
          .contains(
              "at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2")
          .contains("Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
  }

  @Test
  void roleSessionNameTooLong_isValidationError() {
    try (StsClient sts = as(ALICE)) {
      StsException e =
          stsError(() -> sts.assumeRole(assume(DEV).roleSessionName("x".repeat(65)).build()));

      assertThat(e.awsErrorDetails().errorMessage())
          .contains("Member must have length less than or equal to 64");
    }
  }

  @Test
  void externalId_requiredValueOnly_isAccepted() {
    try (StsClient sts = as(CAROL)) {
      assertThat(
              stsError(() -> sts.assumeRole(assume(PARTNER).build())).awsErrorDetails().errorCode())
          .isEqualTo("AccessDenied");
      assertThat(
              stsError(() -> sts.assumeRole(assume(PARTNER).externalId("ext-43").build()))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
      assertThat(
              sts.assumeRole(assume(PARTNER).externalId("ext-42").build()).assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/partner/test-session");
    }
  }

  @Test
  void externalIdWithForbiddenCharacters_isValidationError() {
    try (StsClient sts = as(CAROL)) {
      StsException e = stsError(() -> sts.assumeRole(assume(PARTNER).externalId("ext 42").build()));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage()).contains("at 'externalId'");
    }
  }

  @Test
  void roleRequiringMfa_withoutCode_isAccessDenied() {
    try (StsClient sts = as(BOB)) {
      StsException e = stsError(() -> sts.assumeRole(assume(ADMIN).build()));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.awsErrorDetails().errorMessage())
          .contains("is not authorized to perform: sts:AssumeRole");
    }
  }

  @Test
  void roleRequiringMfa_withValidCode_allowsTwelveHourSession() {
    try (StsClient sts = as(BOB)) {
      AssumeRoleResponse response =
          sts.assumeRole(
              assume(ADMIN)
                  .durationSeconds(43200)
                  .serialNumber(BOB_MFA.serialArn())
                  .tokenCode(bobCode())
                  .build());

      assertThat(response.credentials().expiration()).isEqualTo(clock.instant().plusSeconds(43200));
    }
  }

  @Test
  void wrongMfaCode_isAccessDenied() {
    String wrong = bobCode().equals("000000") ? "000001" : "000000";
    try (StsClient sts = as(BOB)) {
      StsException e =
          stsError(
              () ->
                  sts.assumeRole(
                      assume(ADMIN).serialNumber(BOB_MFA.serialArn()).tokenCode(wrong).build()));

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.awsErrorDetails().errorMessage())
          .startsWith("MultiFactorAuthentication failed with invalid MFA");
    }
  }

  @Test
  void reusedMfaCode_isAccessDenied() {
    String code = bobCode();
    try (StsClient sts = as(BOB)) {
      sts.assumeRole(assume(ADMIN).serialNumber(BOB_MFA.serialArn()).tokenCode(code).build());
      clock.advance(Duration.ofSeconds(10));

      StsException e =
          stsError(
              () ->
                  sts.assumeRole(
                      assume(ADMIN).serialNumber(BOB_MFA.serialArn()).tokenCode(code).build()));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.awsErrorDetails().errorMessage()).startsWith("MultiFactorAuthentication failed");
    }
  }

  @Test
  void mfaSerialOfAnotherDevice_isAccessDenied() {
    try (StsClient sts = as(BOB)) {
      StsException e =
          stsError(
              () ->
                  sts.assumeRole(
                      assume(ADMIN)
                          .serialNumber("arn:aws:iam::" + ACCOUNT + ":mfa/alice")
                          .tokenCode(bobCode())
                          .build()));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.awsErrorDetails().errorMessage()).contains("unable to validate MFA code");
    }
  }

  @Test
  void tokenCodeNotSixDigits_isValidationErrorWithoutEchoingCode() {
    try (StsClient sts = as(BOB)) {
      StsException e =
          stsError(
              () ->
                  sts.assumeRole(
                      assume(ADMIN).serialNumber(BOB_MFA.serialArn()).tokenCode("12345a").build()));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage())
          .contains("at 'tokenCode'")
          .doesNotContain("12345a");
    }
  }
}

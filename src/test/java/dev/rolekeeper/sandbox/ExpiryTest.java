package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** Short sessions and their expiry, driven by the injected clock rather than by waiting. */
class ExpiryTest extends SimulatorTestSupport {

  private Credentials assumeDev(int durationSeconds) {
    try (StsClient sts = as(ALICE)) {
      return sts.assumeRole(
              AssumeRoleRequest.builder()
                  .roleArn(DEV)
                  .roleSessionName("short")
                  .durationSeconds(durationSeconds)
                  .build())
          .credentials();
    }
  }

  @Test
  void sessionOverride_issuesShortSessionWhateverWasRequested() {
    sim.sessionSecondsOverride(60);

    assertThat(assumeDev(3600).expiration()).isEqualTo(clock.instant().plusSeconds(60));
  }

  @Test
  void sessionOverrideCleared_restoresRequestedDuration() {
    sim.sessionSecondsOverride(60);
    sim.sessionSecondsOverride(null);

    assertThat(assumeDev(1800).expiration()).isEqualTo(clock.instant().plusSeconds(1800));
  }

  @Test
  void shortSession_afterExpiry_isExpiredToken() {
    sim.sessionSecondsOverride(60);
    Credentials session = assumeDev(3600);
    try (StsClient sts = as(session)) {
      clock.advance(Duration.ofSeconds(59));
      assertThat(sts.getCallerIdentity().arn()).contains("assumed-role/dev/short");

      clock.advance(Duration.ofSeconds(1));
      StsException e = stsError(sts::getCallerIdentity);

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("The security token included in the request is expired");
    }
  }

  @Test
  void widenedClockSkew_letsClockJumpHoursAhead_toExpireRealLengthSessions() {
    sim.maxClockSkew(Duration.ofDays(2));
    Credentials session = assumeDev(3600);
    clock.advance(Duration.ofHours(1));
    try (StsClient sts = as(session)) {
      assertThat(stsError(sts::getCallerIdentity).awsErrorDetails().errorCode())
          .isEqualTo("ExpiredToken");
    }
  }

  @Test
  void expiredSession_cannotAssumeFurtherRoles() {
    sim.sessionSecondsOverride(5);
    Credentials session = assumeDev(3600);
    clock.advance(Duration.ofSeconds(6));
    try (StsClient sts = as(session)) {
      StsException e =
          stsError(() -> sts.assumeRole(b -> b.roleArn(AUDITOR).roleSessionName("late")));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
    }
  }
}

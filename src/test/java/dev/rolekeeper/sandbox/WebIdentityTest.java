package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** AssumeRoleWithWebIdentity through the real SDK client, unsigned, with STS's error shapes. */
class WebIdentityTest extends SimulatorTestSupport {

  private StsClient anonymous() {
    return StsClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static AssumeRoleWithWebIdentityRequest.Builder request(String role, String token) {
    return AssumeRoleWithWebIdentityRequest.builder()
        .roleArn(role)
        .roleSessionName("pipeline")
        .webIdentityToken(token);
  }

  private String token() {
    return sim.webIdentity().issue("repo:example/app", clock.instant(), Duration.ofHours(1));
  }

  @Test
  void issuedToken_unsignedRequest_sessionOfTheRoleThatSignsCalls() {
    AssumeRoleWithWebIdentityResponse response;
    try (StsClient sts = anonymous()) {
      response = sts.assumeRoleWithWebIdentity(request(CI, token()).durationSeconds(7200).build());
    }

    assertThat(response.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/pipeline");
    assertThat(response.subjectFromWebIdentityToken()).isEqualTo("repo:example/app");
    assertThat(response.audience()).isEqualTo(WebIdentityTokens.AUDIENCE);
    assertThat(response.credentials().expiration()).isEqualTo(clock.instant().plusSeconds(7200));
    try (StsClient sts = as(response.credentials())) {
      assertThat(sts.getCallerIdentity().arn()).isEqualTo(response.assumedRoleUser().arn());
    }
    assertThat(sim.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
  }

  @Test
  void tokenSignedByAnotherProvider_invalidIdentityToken400_tokenNotQuoted() {
    String foreign =
        new WebIdentityTokens().issue("repo:example/app", clock.instant(), Duration.ofHours(1));
    try (StsClient sts = anonymous()) {
      StsException e = stsError(() -> sts.assumeRoleWithWebIdentity(request(CI, foreign).build()));

      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
      assertThat(e.awsErrorDetails().errorMessage()).doesNotContain(foreign);
    }
  }

  @Test
  void notAJwt_orAnotherAudience_invalidIdentityToken() {
    String otherAudience =
        sim.webIdentity()
            .issue(
                "repo:example/app",
                WebIdentityTokens.ISSUER,
                "some-client",
                clock.instant(),
                Duration.ofHours(1));
    try (StsClient sts = anonymous()) {
      StsException garbage =
          stsError(() -> sts.assumeRoleWithWebIdentity(request(CI, "not-a-jwt").build()));
      StsException audience =
          stsError(() -> sts.assumeRoleWithWebIdentity(request(CI, otherAudience).build()));

      assertThat(garbage.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
      assertThat(garbage.awsErrorDetails().errorMessage()).contains("not a valid JWT");
      assertThat(audience.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
      assertThat(audience.awsErrorDetails().errorMessage()).isEqualTo("Incorrect token audience");
    }
  }

  @Test
  void expiredToken_expiredTokenException400() {
    String expired =
        sim.webIdentity()
            .issue("repo:example/app", clock.instant().minusSeconds(7200), Duration.ofHours(1));
    try (StsClient sts = anonymous()) {
      StsException e = stsError(() -> sts.assumeRoleWithWebIdentity(request(CI, expired).build()));

      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
      assertThat(e.awsErrorDetails().errorMessage()).startsWith("Token expired: current date/time");
    }
  }

  @Test
  void roleNotTrustingTheProvider_accessDenied403() {
    try (StsClient sts = anonymous()) {
      StsException e = stsError(() -> sts.assumeRoleWithWebIdentity(request(DEV, token()).build()));

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
  }

  @Test
  void providerUnreachable_idpCommunicationError_thenWorksAgain() {
    try (StsClient sts = anonymous()) {
      sim.webIdentity().unreachable(true);
      StsException e = stsError(() -> sts.assumeRoleWithWebIdentity(request(CI, token()).build()));
      sim.webIdentity().unreachable(false);

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IDPCommunicationError");
      assertThat(sts.assumeRoleWithWebIdentity(request(CI, token()).build()).credentials())
          .isNotNull();
    }
  }

  @Test
  void durationOverTheRolesMaximum_orSessionNameMissing_validationError() {
    try (StsClient sts = anonymous()) {
      StsException tooLong =
          stsError(
              () ->
                  sts.assumeRoleWithWebIdentity(
                      request(CI, token()).durationSeconds(7201).build()));
      StsException noName =
          stsError(
              () ->
                  sts.assumeRoleWithWebIdentity(
                      request(CI, token()).roleSessionName(null).build()));

      assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(noName.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    }
  }

  @Test
  void unsignedAssumeRole_stillNeedsASignature() {
    try (StsClient sts = anonymous()) {
      StsException e =
          stsError(
              () ->
                  sts.assumeRole(
                      AssumeRoleRequest.builder().roleArn(DEV).roleSessionName("x").build()));

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingAuthenticationToken");
    }
  }
}

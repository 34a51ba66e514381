package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** The test controls: injected faults, outages and call counters. */
class FaultInjectionTest extends SimulatorTestSupport {

  @Test
  void throttle_isThrottlingThenNextCallSucceeds() {
    sim.failNext(Fault.THROTTLE, 1);
    try (StsClient sts = as(ALICE)) {
      StsException e = stsError(sts::getCallerIdentity);

      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
      assertThat(e.isThrottlingException()).isTrue();
      assertThat(sts.getCallerIdentity().arn()).isEqualTo(ALICE.arn());
    }
  }

  @Test
  void serverErrors_carryTheirStatus() {
    sim.failNext(Fault.SERVER_ERROR, 1);
    sim.failNext(Fault.SERVICE_UNAVAILABLE, 1);
    try (StsClient sts = as(ALICE)) {
      assertThat(stsError(sts::getCallerIdentity).statusCode()).isEqualTo(500);
      assertThat(stsError(sts::getCallerIdentity).statusCode()).isEqualTo(503);
    }
  }

  @Test
  void malformedXml_isClientSideParseFailure() {
    sim.failNext(Fault.MALFORMED_XML, 1);
    try (StsClient sts = as(ALICE)) {
      Throwable thrown =
          catchThrowable(() -> sts.assumeRole(b -> b.roleArn(DEV).roleSessionName("x1")));

      assertThat(thrown).isInstanceOf(SdkClientException.class).isNotInstanceOf(StsException.class);
    }
  }

  @Test
  void latency_delaysAnswerButSucceeds() {
    sim.failNext(Fault.latency(Duration.ofMillis(400)), 1);
    try (StsClient sts = as(ALICE)) {
      long start = System.nanoTime();
      String arn = sts.getCallerIdentity().arn();
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(arn).isEqualTo(ALICE.arn());
      assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
    }
  }

  @Test
  void outage_refusesConnectionsUntilEndedOnSamePort() throws Exception {
    int port = sim.port();
    try (StsClient sts = as(ALICE)) {
      sts.getCallerIdentity(); // leaves a kept-alive connection the outage must cut too
      sim.outage(true).await(5, TimeUnit.SECONDS);
      Throwable refused = catchThrowable(sts::getCallerIdentity);
      sim.outage(false).await(5, TimeUnit.SECONDS);

      assertThat(refused)
          .isInstanceOf(SdkClientException.class)
          .rootCause()
          .isInstanceOf(ConnectException.class);
      assertThat(sim.port()).isEqualTo(port);
      assertThat(sts.getCallerIdentity().arn()).isEqualTo(ALICE.arn());
    }
  }

  @Test
  void sdkDefaultRetries_recoverFromTransientErrors_andEveryAttemptIsCounted() {
    sim.failNext(Fault.SERVER_ERROR, 2);
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ALICE.accessKeyId(), ALICE.secretAccessKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      assertThat(sts.getCallerIdentity().arn()).isEqualTo(ALICE.arn());
    }
    assertThat(sim.calls("GetCallerIdentity")).isEqualTo(3);
  }

  @Test
  void counters_countPerActionIncludingRefusedCalls_andReset() {
    try (StsClient sts = as(ALICE)) {
      sts.getCallerIdentity();
      sts.getCallerIdentity();
      sts.assumeRole(b -> b.roleArn(DEV).roleSessionName("counted"));
      stsError(() -> sts.assumeRole(b -> b.roleArn(ADMIN).roleSessionName("refused")));
    }

    assertThat(sim.calls("GetCallerIdentity")).isEqualTo(2);
    assertThat(sim.calls("AssumeRole")).isEqualTo(2);
    assertThat(sim.calls("GetSessionToken")).isZero();
    assertThat(sim.totalCalls()).isEqualTo(4);

    sim.resetCounters();
    assertThat(sim.totalCalls()).isZero();
  }

  @Test
  void clearFaults_dropsPlannedFaults() {
    sim.failNext(Fault.THROTTLE, 3);
    sim.clearFaults();
    try (StsClient sts = as(ALICE)) {
      assertThat(sts.getCallerIdentity().account()).isEqualTo(ACCOUNT);
    }
  }

  @Test
  void failNext_zeroTimes_isRefused() {
    assertThat(catchThrowable(() -> sim.failNext(Fault.THROTTLE, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING)
        .contains("times");
  }
}

package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rolekeeper.sandbox.SimulatorConfig.MfaDevice;
import dev.rolekeeper.sandbox.SimulatorConfig.SimRole;
import dev.rolekeeper.sandbox.SimulatorConfig.SimUser;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Starts a simulator per test (port 0, a hand-moved clock) and builds real SDK {@link StsClient}s
 * against it, with retries off so each error is seen as the simulator sent it.
 */
@ExtendWith(VertxExtension.class)
abstract class SimulatorTestSupport {

  static final String ACCOUNT = "123456789012";
  static final String OTHER_ACCOUNT = "210987654321";
  static final MfaDevice BOB_MFA =
      new MfaDevice("arn:aws:iam::" + ACCOUNT + ":mfa/bob", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  static final SimUser ALICE =
      new SimUser(
          "alice",
          ACCOUNT,
          "AKIATESTALICE0000001",
          "alice-secret-0000000000000000000000000001",
          null);
  static final SimUser BOB =
      new SimUser(
          "bob",
          ACCOUNT,
          "AKIATESTBOB000000002",
          "bob-secret-00000000000000000000000000000002",
          BOB_MFA);
  static final SimUser CAROL =
      new SimUser(
          "carol",
          OTHER_ACCOUNT,
          "AKIATESTCAROL0000003",
          "carol-secret-000000000000000000000000000003",
          null);

  static final String DEV = "arn:aws:iam::" + ACCOUNT + ":role/dev";
  static final String ADMIN = "arn:aws:iam::" + ACCOUNT + ":role/admin";
  static final String AUDITOR = "arn:aws:iam::" + ACCOUNT + ":role/team/auditor";
  static final String SHARED = "arn:aws:iam::" + ACCOUNT + ":role/shared";
  static final String PARTNER = "arn:aws:iam::" + ACCOUNT + ":role/partner";
  static final String CI = "arn:aws:iam::" + ACCOUNT + ":role/ci";

  static final SimulatorConfig CONFIG =
      SimulatorConfig.builder()
          .user(ALICE)
          .user(BOB)
          .user(CAROL)
          .role(new SimRole(DEV, List.of(ALICE.arn(), BOB.arn()), false, 3600, null))
          .role(new SimRole(ADMIN, List.of(BOB.arn()), true, 43200, null))
          .role(new SimRole(AUDITOR, List.of(DEV), false, 3600, null))
          .role(new SimRole(SHARED, List.of(ACCOUNT), false, 7200, null))
          .role(
              new SimRole(
                  PARTNER,
                  List.of("arn:aws:iam::" + OTHER_ACCOUNT + ":root"),
                  false,
                  3600,
                  "ext-42"))
          .role(new SimRole(CI, List.of(WebIdentityTokens.providerArn(ACCOUNT)), false, 7200, null))
          .build();

  /** Starts at a whole second so expirations (truncated to seconds) compare exactly. */
  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  StsSimulator sim;

  @BeforeEach
  void startSimulator(Vertx vertx) throws Exception {
    sim = new StsSimulator(CONFIG, clock);
    sim.start(vertx, 0).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopSimulator() throws Exception {
    sim.stop().await(10, TimeUnit.SECONDS);
  }

  StsClient as(SimUser user) {
    return client(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey()));
  }

  StsClient as(Credentials session) {
    return client(
        AwsSessionCredentials.create(
            session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
  }

  StsClient client(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** The code bob's device shows now; move the clock 30 s before asking for another. */
  String bobCode() {
    return Totp.generate(BOB_MFA.base32Secret(), clock.instant());
  }

  /** Runs {@code call}, asserts it failed with an STS error, and returns that error. */
  static StsException stsError(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("an STS error").isInstanceOf(StsException.class);
    return (StsException) thrown;
  }
}

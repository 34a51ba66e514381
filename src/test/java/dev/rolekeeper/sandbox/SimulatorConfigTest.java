package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.sandbox.SimulatorConfig.MfaDevice;
import dev.rolekeeper.sandbox.SimulatorConfig.SimRole;
import dev.rolekeeper.sandbox.SimulatorConfig.SimUser;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

@ExtendWith(VertxExtension.class)
class SimulatorConfigTest {

  @Test
  void roleArnNotAnIamRoleArn_isRefusedNamingIt() {
    assertThatThrownBy(() -> new SimRole("arn:aws:iam::123:role/x", List.of(), false, 3600, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arn:aws:iam::123:role/x");
  }

  @Test
  void roleMaxSessionOutsideRange_isRefused() {
    assertThatThrownBy(
            () -> new SimRole("arn:aws:iam::123456789012:role/x", List.of(), false, 43201, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSessionSeconds");
  }

  @Test
  void userKeyNotLongTerm_isRefusedNamingUser() {
    assertThatThrownBy(() -> new SimUser("dave", "123456789012", "ASIAXXXXXXXXXXXXXXXX", "s", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dave")
        .hasMessageContaining("AKIA");
  }

  @Test
  void duplicateRole_isRefused() {
    SimRole role = new SimRole("arn:aws:iam::123456789012:role/x", List.of(), false, 3600, null);
    assertThatThrownBy(() -> SimulatorConfig.builder().role(role).role(role))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("role/x");
  }

  @Test
  void secretsAreNotInToString() {
    SimUser user =
        new SimUser(
            "erin",
            "123456789012",
            "AKIAERIN000000000000",
            "erin-very-secret",
            new MfaDevice("arn:aws:iam::123456789012:mfa/erin", "JBSWY3DPEHPK3PXP"));

    assertThat(user.toString())
        .contains("AKIAERIN")
        .doesNotContain("erin-very-secret")
        .doesNotContain("JBSWY3DP");
  }

  @Test
  void mfaSecretNotBase32_isRefused() {
    assertThatThrownBy(() -> new MfaDevice("arn:aws:iam::123456789012:mfa/x", "not base32!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base32");
  }

  @Test
  void start_onTakenPort_failsAndCanBeRetried(Vertx vertx) throws Exception {
    StsSimulator first = new StsSimulator(SimulatorConfig.demo());
    int port = first.start(vertx, 0).await(10, TimeUnit.SECONDS);
    StsSimulator second = new StsSimulator(SimulatorConfig.demo());
    try {
      assertThat(second.start(vertx, port).toCompletionStage().toCompletableFuture())
          .failsWithin(Duration.ofSeconds(10));
      assertThat(second.start(vertx, 0).await(10, TimeUnit.SECONDS)).isNotEqualTo(port);
    } finally {
      second.stop().await(10, TimeUnit.SECONDS);
      first.stop().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void demoConfig_servesItsUsersAndRoles(Vertx vertx) throws Exception {
    SimulatorConfig demo = SimulatorConfig.demo();
    SimUser alice = demo.users().get(0);
    StsSimulator sim = new StsSimulator(demo);
    sim.start(vertx, 0).await(10, TimeUnit.SECONDS);
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(alice.accessKeyId(), alice.secretAccessKey())))
            .httpClient(
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)).build())
            .build()) {
      assertThat(
              sts.assumeRole(
                      b -> b.roleArn("arn:aws:iam::111122223333:role/dev").roleSessionName("demo"))
                  .assumedRoleUser()
                  .arn())
          .isEqualTo("arn:aws:sts::111122223333:assumed-role/dev/demo");
    } finally {
      sim.stop().await(10, TimeUnit.SECONDS);
    }
  }
}

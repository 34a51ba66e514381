package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static dev.rolekeeper.daemon.SourceFixtures.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code credential_source = Ec2InstanceMetadata} and {@code EcsContainer} end to end: the SDK's
 * own providers fetch the machine's keys from a stand-in metadata endpoint speaking the real wire
 * contract, and the daemon assumes the role with them at the simulator. An endpoint that is the
 * daemon's own port is refused as a loop.
 */
@ExtendWith(VertxExtension.class)
class DaemonMetadataSourcesTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String FULL_URI = "aws.containerCredentialsFullUri";
  private static final String AUTH_TOKEN = "aws.containerAuthorizationToken";
  private static final String DEV_ARN = "arn:aws:sts::111122223333:assumed-role/dev/rolekeeper-";

  @TempDir Path home;
  private RunningDaemon running;
  private FakeMetadata metadata;

  @AfterEach
  void tearDown() throws Exception {
    System.clearProperty(FULL_URI);
    System.clearProperty(AUTH_TOKEN);
    if (running != null) {
      running.stop();
    }
    if (metadata != null) {
      await(metadata.stop());
    }
  }

  /** The simulator, and a metadata stand-in serving a session of alice (whom role dev trusts). */
  private int prepare(Vertx vertx, String profile, String source, Map<String, String> env)
      throws Exception {
    running = RunningDaemon.prepare(vertx, home, List.of(profile), env);
    metadata = new FakeMetadata(SourceFixtures.sessionOf(running, 0), "container-token-0001");
    SourceFixtures.appendConfig(
        running,
        "[profile " + profile + "]",
        "role_arn = " + ROLE + "dev",
        "credential_source = " + source);
    return await(metadata.start(vertx));
  }

  private void startAndAwaitServed(Vertx vertx, String profile) throws Exception {
    running.startDaemon(vertx);
    await(
        Eventually.until(
            vertx,
            () -> running.daemon.sessions().lookup(profile) instanceof Lookup.Available,
            WAIT));
  }

  private String callerArn(String profile) {
    var keys = running.currentCredentials(profile);
    return running.callerArn(
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(
                keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken())));
  }

  @Test
  void ec2InstanceMetadata_keysFromImdsV2_roleSessionFromTheSimulator(Vertx vertx)
      throws Exception {
    int port = prepare(vertx, "on-ec2", "Ec2InstanceMetadata", Map.of());
    running =
        running.withEnv(
            Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + port + "/"));

    startAndAwaitServed(vertx, "on-ec2");

    assertThat(callerArn("on-ec2")).isEqualTo(DEV_ARN + "on-ec2");
    assertThat(metadata.imdsTokenRequests.get()).as("IMDSv2 token first").isPositive();
    assertThat(metadata.credentialRequests.get()).isPositive();
  }

  @Test
  void ecsContainer_keysFromTheContainerEndpointWithItsToken_roleSessionFromTheSimulator(
      Vertx vertx) throws Exception {
    int port = prepare(vertx, "in-task", "EcsContainer", Map.of());
    System.setProperty(FULL_URI, "http://127.0.0.1:" + port + FakeMetadata.CONTAINER_PATH);
    System.setProperty(AUTH_TOKEN, "container-token-0001");

    startAndAwaitServed(vertx, "in-task");

    assertThat(callerArn("in-task")).isEqualTo(DEV_ARN + "in-task");
    assertThat(metadata.credentialRequests.get()).isPositive();
  }

  @Test
  void metadataEndpointIsTheDaemonsOwnPort_refusedAsALoop_inStatus(Vertx vertx) throws Exception {
    int own;
    try (ServerSocket probe = new ServerSocket(0)) {
      own = probe.getLocalPort();
    }
    prepare(
        vertx,
        "looped",
        "Ec2InstanceMetadata",
        Map.of(
            "ROLEKEEPER_LISTEN_PORT",
            Integer.toString(own),
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "http://127.0.0.1:" + own + "/"));
    running.startDaemon(vertx);

    String plan =
        SourceFixtures.profileStatus(SourceFixtures.status(running), "looped").getString("plan");

    assertThat(running.daemon.port()).isEqualTo(own);
    assertThat(plan).startsWith("none:").contains("rolekeeper itself", "loop");
    assertThat(metadata.imdsTokenRequests.get()).isZero();
  }
}

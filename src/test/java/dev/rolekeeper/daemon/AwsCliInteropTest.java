package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.process.ProgramLocator;
import dev.rolekeeper.sandbox.DemoAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (botocore, a non-JVM SDK with its own quirks: the token variable, the IMDS endpoint
 * joined without a slash in old versions) gets credentials from the daemon, by the container
 * endpoint and by IMDSv2, and calls {@code sts get-caller-identity} against the simulator. Skipped,
 * saying so, where no {@code aws} is installed.
 */
@ExtendWith(VertxExtension.class)
class AwsCliInteropTest {

  @TempDir Path home;

  private RunningDaemon running;

  @BeforeAll
  static void awsCli() {
    assumeTrue(
        onPath("aws"),
        "AWS CLI interop test skipped: no `aws` on PATH (pip install awscli, or apt-get"
            + " install awscli)");
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    running =
        RunningDaemon.prepare(
                vertx,
                home,
                List.of(DemoAccount.DEV_PROFILE),
                Map.of(RunningDaemon.IMDS_ENABLED, "true"))
            .startDaemon(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    running.stop();
  }

  @Test
  void awsCli_containerEndpoint_answersTheRole() throws Exception {
    var token = running.daemon.tokens().clientToken(List.of(DemoAccount.DEV_PROFILE));

    JsonObject identity =
        callerIdentity(
            Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", running.containerUri(DemoAccount.DEV_PROFILE),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", token.token(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.file().toString()));

    assertThat(identity.getString("Arn"))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/dev/rolekeeper-demo-dev");
  }

  @Test
  void awsCli_imdsEndpoint_answersTheRole() throws Exception {
    JsonObject identity =
        callerIdentity(
            Map.of(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                "http://127.0.0.1:" + running.daemon.imdsPort() + "/"));

    assertThat(identity.getString("Arn"))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/dev/rolekeeper-demo-dev");
  }

  private JsonObject callerIdentity(Map<String, String> credentialsEnv) throws Exception {
    ProcessBuilder aws =
        new ProcessBuilder(
            "aws",
            "sts",
            "get-caller-identity",
            "--output",
            "json",
            "--endpoint-url",
            running.simulator.endpoint().toString());
    Map<String, String> env = aws.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_REGION", "us-east-1");
    env.putAll(credentialsEnv);
    Processes.Finished run = Processes.runBounded(aws, Duration.ofSeconds(60));
    assertThat(run.exitCode()).as("aws failed: %s", run.err()).isZero();
    return new JsonObject(run.out());
  }

  private static boolean onPath(String program) {
    return new ProgramLocator(System.getenv("PATH")).find(program).isPresent();
  }
}

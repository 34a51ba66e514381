package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.process.ProgramLocator;
import dev.rolekeeper.sandbox.DemoAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS SDK for JavaScript v3 (npm {@code @aws-sdk/credential-providers},
 * {@code @aws-sdk/client-sts}) gets credentials from the daemon through {@code
 * fromContainerMetadata}, {@code fromHttp} and {@code fromInstanceMetadata}, and signs a
 * GetCallerIdentity that the simulator verifies. Needs Node.js; without it the test is skipped,
 * saying so.
 */
@ExtendWith(VertxExtension.class)
class JsSdkInteropTest {

  private static final Path INTEROP = Path.of("interop", "js");

  @TempDir Path home;

  private RunningDaemon running;

  @BeforeAll
  static void nodeModules() {
    assumeTrue(
        onPath("node"),
        "JS interop test skipped: Node.js is not installed (apt-get install nodejs npm)");
    assumeTrue(
        Files.isDirectory(INTEROP.resolve("node_modules/@aws-sdk/credential-providers")),
        "JS interop test skipped: the AWS SDK for JavaScript is not installed in interop/js"
            + " (run `npm ci` there; .ci/run does)");
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

  @ParameterizedTest
  @ValueSource(strings = {"container", "http", "imds"})
  void jsSdkProvider_againstDaemon_signsCallerIdentityAsTheRole(String provider) throws Exception {
    var token = running.daemon.tokens().clientToken(List.of(DemoAccount.DEV_PROFILE));
    ProcessBuilder node =
        new ProcessBuilder("node", "check.mjs", provider).directory(INTEROP.toFile());
    Map<String, String> env = node.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", running.containerUri(DemoAccount.DEV_PROFILE));
    env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", token.token());
    env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.file().toString());
    env.put(
        "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + running.daemon.imdsPort() + "/");
    env.put("AWS_ENDPOINT_URL_STS", running.simulator.endpoint().toString());
    env.put("AWS_REGION", "us-east-1");
    env.put("NODE_NO_WARNINGS", "1");

    Processes.Finished run = Processes.runBounded(node, Duration.ofSeconds(60));

    assertThat(run.exitCode()).as("node check.mjs %s failed: %s", provider, run.err()).isZero();
    JsonObject result = new JsonObject(run.out().strip());
    assertThat(result.getString("provider")).isEqualTo(provider);
    assertThat(result.getString("arn"))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/dev/rolekeeper-demo-dev");
    assertThat(result.getString("expiration")).isNotNull();
  }

  private static boolean onPath(String program) {
    return new ProgramLocator(System.getenv("PATH")).find(program).isPresent();
  }
}

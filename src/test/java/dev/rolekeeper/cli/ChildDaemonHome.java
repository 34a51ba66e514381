package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.Polling;
import dev.rolekeeper.daemon.DaemonInfo;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A temporary home with the demo account's AWS files and an STS simulator, where {@code rolekeeper
 * run} starts as a child process with the daemon's heap and stack (-Xmx64m, -Xss512k, exiting on
 * OutOfMemoryError as {@code bin/rolekeeper} runs it); and its control API, read as JSON.
 */
final class ChildDaemonHome implements AutoCloseable {

  static final Duration WITHIN = Duration.ofSeconds(60);
  static final String DEV = DemoAccount.DEV_PROFILE;

  private static final List<String> DAEMON_JVM =
      List.of("-Xmx64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

  final Path settingsFile;
  final Path stateDir;
  final Path awsConfig;
  private final Path home;
  private final Vertx vertx;
  private final StsSimulator simulator;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private DaemonChild child;

  private ChildDaemonHome(Vertx vertx, Path home, StsSimulator simulator) {
    this.vertx = vertx;
    this.home = home;
    this.simulator = simulator;
    this.settingsFile = home.resolve("settings.yaml");
    this.stateDir = home.resolve("state");
    this.awsConfig = home.resolve(".aws/config");
  }

  static ChildDaemonHome create(Vertx vertx, Path home) throws Exception {
    DemoAccount account = DemoAccount.create();
    account.writeAwsFiles(home.resolve(".aws"), "us-east-1", true);
    StsSimulator simulator = new StsSimulator(account.config());
    await(simulator.start(vertx, 0));
    return new ChildDaemonHome(vertx, home, simulator);
  }

  /** Settings serving {@code profiles} (a YAML list), syncing {@link #DEV}. */
  String settings(String profiles) {
    return String.join(
        "\n",
        "listen: {port: 0, imdsPort: 0}",
        "profiles: " + profiles,
        "region: us-east-1",
        "stateDir: " + stateDir,
        "sts: {endpoint: \"" + simulator.endpoint() + "\"}",
        "mfa: {prompts: [web, cli]}",
        "sync: {targets: {" + DEV + ": rolekeeper-dev}}",
        "");
  }

  DaemonChild start() throws IOException {
    Map<String, String> env =
        Map.of(
            "HOME",
            home.toString(),
            "PATH",
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "AWS_CONFIG_FILE",
            awsConfig.toString(),
            "AWS_SHARED_CREDENTIALS_FILE",
            home.resolve(".aws/credentials").toString());
    child = DaemonChild.start(DAEMON_JVM, env, "run", "--config", settingsFile.toString());
    return child;
  }

  /** Waits until the child answers on its port, and gives the port; fails if it ended. */
  int awaitPort() throws Exception {
    until(() -> !child.isAlive() || Files.exists(stateDir.resolve(DaemonInfo.FILE_NAME)));
    assertThat(child.isAlive()).as("daemon alive; output:%n%s", child.output()).isTrue();
    int port = DaemonInfo.read(stateDir).orElseThrow().port();
    assertThat(get(port, "/control/status").statusCode()).isEqualTo(200);
    return port;
  }

  JsonObject status(int port) {
    return new JsonObject(get(port, "/control/status").body());
  }

  static JsonObject profile(JsonObject status, String name) {
    JsonArray profiles = status.getJsonArray("profiles");
    return profiles.stream()
        .map(JsonObject.class::cast)
        .filter(p -> p.getString("profile").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + profiles));
  }

  /** A GET with the control token. */
  HttpResponse<String> get(int port, String path) {
    try {
      String token = Files.readString(stateDir.resolve("control.token")).strip();
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Authorization", token)
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Polls {@code condition} (which may block: it runs on a worker) until true, within WITHIN. */
  void until(BooleanSupplier condition) throws Exception {
    Polling.until(vertx, condition, WITHIN);
  }

  @Override
  public void close() throws Exception {
    if (child != null) {
      child.close();
    }
    await(simulator.stop());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}

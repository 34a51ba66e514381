package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.endpoint.DaemonInfo;
import dev.rolekeeper.profiles.HostileProfiles;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rolekeeper run} as a real process, with the daemon's heap and stack (-Xmx64m, -Xss512k),
 * given inputs past their limits: a 25 MiB AWS config, a 500-deep source_profile chain, a settings
 * file too large. Each gives one clear line naming the file or profile, and either a daemon that
 * serves (the rest) or an exit with a non-zero status: never a living JVM without ports.
 */
@ExtendWith(VertxExtension.class)
class HostileInputProcessTest {

  private static final String DEV = DemoAccount.DEV_PROFILE;
  private static final String SYNCED = "rolekeeper-dev";
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final List<String> DAEMON_JVM =
      List.of("-Xmx64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

  @TempDir Path home;

  private Vertx vertx;
  private StsSimulator simulator;
  private Path settingsFile;
  private Path stateDir;
  private Path awsConfig;
  private Map<String, String> env;
  private DaemonChild child;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    DemoAccount account = DemoAccount.create();
    account.writeAwsFiles(home.resolve(".aws"), "us-east-1");
    simulator = new StsSimulator(account.config());
    await(simulator.start(vertx, 0));
    settingsFile = home.resolve("settings.yaml");
    stateDir = home.resolve("state");
    awsConfig = home.resolve(".aws/config");
    env =
        Map.of(
            "HOME",
            home.toString(),
            "PATH",
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "AWS_CONFIG_FILE",
            awsConfig.toString(),
            "AWS_SHARED_CREDENTIALS_FILE",
            home.resolve(".aws/credentials").toString());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (child != null) {
      child.close();
    }
    await(simulator.stop());
  }

  private String settings(String profiles) {
    return String.join(
        "\n",
        "listen: {port: 0, imdsPort: 0}",
        "profiles: " + profiles,
        "region: us-east-1",
        "stateDir: " + stateDir,
        "sts: {endpoint: \"" + simulator.endpoint() + "\"}",
        "mfa: {prompts: [web, cli]}",
        "sync: {targets: {" + DEV + ": " + SYNCED + "}}",
        "");
  }

  private void startDaemon() throws Exception {
    child = DaemonChild.start(DAEMON_JVM, env, "run", "--config", settingsFile.toString());
  }

  /** Waits until the child answers on its port (or has ended, which fails). */
  private int awaitPort() throws Exception {
    until(() -> !child.isAlive() || Files.exists(stateDir.resolve(DaemonInfo.FILE_NAME)), WITHIN);
    assertThat(child.isAlive()).as("daemon alive; output:%n%s", child.output()).isTrue();
    int port = DaemonInfo.read(stateDir).orElseThrow().port();
    assertThat(get(port, "/control/status").statusCode()).isEqualTo(200);
    return port;
  }

  @Test
  void configOf25MiBAtStart_servesWithTheFileRefusedAndSaysWhyOnceInLogAndStatus()
      throws Exception {
    Files.writeString(settingsFile, settings("[" + DEV + "]"));
    HostileProfiles.writeHugeConfig(awsConfig, 25L << 20);

    startDaemon();
    int port = awaitPort();

    String why = awsConfig + " is larger than 1 MiB, the most rolekeeper reads of it";
    JsonObject status = status(port);
    assertThat(status.getJsonArray("reloadErrors"))
        .singleElement()
        .satisfies(e -> assertThat(((JsonObject) e).getString("error")).isEqualTo(why));
    assertThat(profile(status, DEV).getString("lastError")).contains(why);
    assertThat(get(port, "/v1/credentials/" + DEV).statusCode()).isEqualTo(503);
    // One error line at start, as for a malformed file; the served profile's warning repeats it.
    assertThat(child.output().lines().filter(line -> line.contains(" ERROR ")))
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith(why));
    assertThat(child.output()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
  }

  @Test
  void configJustUnderTheLimit_asDenseAsItGets_fitsTheDaemonsHeapAtStartAndReload()
      throws Exception {
    Files.writeString(settingsFile, settings("[" + DEV + "]"));
    String original = Files.readString(awsConfig);
    int profiles = HostileProfiles.appendDenseProfiles(awsConfig, (1 << 20) - 1, "demo-alice");

    startDaemon();
    int port = awaitPort();
    until(() -> get(port, "/v1/credentials/" + DEV).statusCode() == 200, WITHIN);
    Path edited = home.resolve("edited");
    Files.writeString(edited, original);
    HostileProfiles.appendDenseProfiles(edited, (1 << 20) - 1, "demo-bob");
    Files.move(edited, awsConfig, StandardCopyOption.REPLACE_EXISTING);
    until(() -> child.output().contains("AWS files reloaded"), WITHIN);

    assertThat(profiles).isGreaterThan(8_000);
    assertThat(child.isAlive()).isTrue();
    assertThat(get(port, "/v1/credentials/" + DEV).statusCode()).isEqualTo(200);
    assertThat(status(port).getJsonArray("reloadErrors")).isEmpty();
  }

  @Test
  void chainOf500AtStart_servesTheOtherProfileAndNamesTheDeepOne() throws Exception {
    Files.writeString(settingsFile, settings("[" + DEV + ", deep0]"));
    Files.writeString(
        awsConfig, Files.readString(awsConfig) + HostileProfiles.chain("deep", 500, DEV));

    startDaemon();
    int port = awaitPort();
    until(() -> get(port, "/v1/credentials/" + DEV).statusCode() == 200, WITHIN);

    JsonObject served = new JsonObject(get(port, "/v1/credentials/" + DEV).body());
    assertThat(served.getString("AccessKeyId")).startsWith("ASIA");
    assertThat(profile(status(port), "deep0").getString("lastError"))
        .startsWith("SourceUnavailable: profile 'deep0' in " + awsConfig)
        .contains("its source_profile chain is longer than 16 hops");
    assertThat(child.output()).doesNotContain("StackOverflowError").doesNotContain("\tat ");
  }

  @Test
  void settingsFileTooLargeAtStart_exits78WithOneLineNamingIt() throws Exception {
    Files.writeString(settingsFile, "# padding\n".repeat(120_000) + settings("[" + DEV + "]"));

    startDaemon();
    int exit = child.waitForExit(WITHIN.toSeconds());

    assertThat(exit).as("output:%n%s", child.output()).isEqualTo(78);
    assertThat(child.output())
        .isEqualTo(
            "rolekeeper: ~/settings.yaml: larger than 1 MiB, the most rolekeeper reads of it\n");
  }

  @Test
  void settingsFileReplacedByOneTooLarge_keepsServingAndStatusSaysWhy() throws Exception {
    Files.writeString(settingsFile, settings("[" + DEV + "]"));
    startDaemon();
    int port = awaitPort();
    until(() -> get(port, "/v1/credentials/" + DEV).statusCode() == 200, WITHIN);

    Path big = home.resolve("big.yaml");
    Files.writeString(big, "# padding\n".repeat(120_000) + settings("[]"));
    Files.move(big, settingsFile, StandardCopyOption.REPLACE_EXISTING);
    until(() -> child.output().contains("Settings not reloaded"), WITHIN);

    String why = "~/settings.yaml: larger than 1 MiB, the most rolekeeper reads of it";
    assertThat(child.output()).contains("Settings not reloaded, keeping the previous ones: " + why);
    assertThat(status(port).getJsonArray("reloadErrors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(((JsonObject) e).getString("input")).isEqualTo("settings");
              assertThat(((JsonObject) e).getString("error")).isEqualTo(why);
            });
    assertThat(get(port, "/v1/credentials/" + DEV).statusCode()).isEqualTo(200);
    assertThat(child.isAlive()).isTrue();
  }

  private JsonObject status(int port) throws Exception {
    return new JsonObject(get(port, "/control/status").body());
  }

  private static JsonObject profile(JsonObject status, String name) {
    JsonArray profiles = status.getJsonArray("profiles");
    return profiles.stream()
        .map(JsonObject.class::cast)
        .filter(p -> p.getString("profile").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + profiles));
  }

  private HttpResponse<String> get(int port, String path) {
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

  private void until(BooleanSupplier condition, Duration timeout) throws Exception {
    Promise<Void> done = Promise.promise();
    poll(condition, System.nanoTime() + timeout.toNanos(), done);
    await(done.future());
  }

  private void poll(BooleanSupplier condition, long deadline, Promise<Void> done) {
    // The condition may do blocking I/O (files, HTTP): evaluate it on a worker, re-armed from a
    // timer.
    vertx
        .executeBlocking(condition::getAsBoolean, false)
        .onComplete(
            result -> {
              if (result.succeeded() && result.result()) {
                done.complete();
              } else if (System.nanoTime() > deadline) {
                done.fail(new AssertionError("condition not met in time"));
              } else {
                vertx.setTimer(100, id -> poll(condition, deadline, done));
              }
            });
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}

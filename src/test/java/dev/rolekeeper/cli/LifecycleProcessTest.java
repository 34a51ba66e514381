package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.Polling;
import dev.rolekeeper.daemon.AlreadyRunningException;
import dev.rolekeeper.daemon.DaemonInfo;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rolekeeper run} as a real process against the STS simulator: it serves, stops cleanly on
 * SIGTERM, refuses a second instance on the same state directory, and reloads its settings file;
 * {@code status} with no daemon.
 */
@ExtendWith(VertxExtension.class)
class LifecycleProcessTest {

  private static final String DEV = DemoAccount.DEV_PROFILE;
  private static final String READONLY = DemoAccount.READONLY_PROFILE;
  private static final String SYNCED = "rolekeeper-dev";
  private static final Duration START_WITHIN = Duration.ofSeconds(60);

  @TempDir Path home;

  private Vertx vertx;
  private StsSimulator simulator;
  private Path settingsFile;
  private Path stateDir;
  private Path credentialsFile;
  private Map<String, String> env;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private DaemonChild first;
  private DaemonChild second;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    DemoAccount account = DemoAccount.create();
    account.writeAwsFiles(home.resolve(".aws"), "us-east-1", true);
    simulator = new StsSimulator(account.config());
    await(simulator.start(vertx, 0));
    settingsFile = home.resolve("settings.yaml");
    stateDir = home.resolve("state");
    credentialsFile = home.resolve(".aws/credentials");
    writeSettings("[" + DEV + "]");
    env =
        Map.of(
            "HOME",
            home.toString(),
            "PATH",
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "AWS_CONFIG_FILE",
            home.resolve(".aws/config").toString(),
            "AWS_SHARED_CREDENTIALS_FILE",
            credentialsFile.toString());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (DaemonChild child : new DaemonChild[] {first, second}) {
      if (child != null) {
        child.close();
      }
    }
    await(simulator.stop());
  }

  private void writeSettings(String profiles) throws IOException {
    Files.writeString(
        settingsFile,
        String.join(
            "\n",
            "listen: {port: 0, imdsPort: 0}",
            // On, so that the port closing at shutdown is seen (IMDS is off by default).
            "imds: {enabled: true}",
            "profiles: " + profiles,
            "region: us-east-1",
            "stateDir: " + stateDir,
            "sts: {endpoint: \"" + simulator.endpoint() + "\"}",
            "mfa: {prompts: [web, cli]}",
            "refresh: {backoffInitial: 1s, backoffMax: 2s}",
            "sync: {removeOnShutdown: true, targets: {" + DEV + ": " + SYNCED + "}}",
            ""));
  }

  private DaemonChild startDaemon() throws Exception {
    return DaemonChild.start(env, "run", "--config", settingsFile.toString());
  }

  /**
   * Waits until the child serves: daemon.json written and the synced section present (a session was
   * fetched).
   */
  private DaemonInfo awaitServing(DaemonChild child) throws Exception {
    until(
        () ->
            !child.isAlive()
                || (Files.exists(stateDir.resolve(DaemonInfo.FILE_NAME)) && sectionPresent()),
        START_WITHIN);
    assertThat(child.isAlive()).as("daemon alive; output:%n%s", child.output()).isTrue();
    return DaemonInfo.read(stateDir).orElseThrow();
  }

  private boolean sectionPresent() {
    try {
      return Files.exists(credentialsFile)
          && Files.readString(credentialsFile).contains("[" + SYNCED + "]");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * What an SDK gets from the container endpoint, with a token scoped to {@code profile} (as `env`
   * hands out).
   */
  private HttpResponse<String> credentials(int port, String profile) throws Exception {
    String token =
        HttpDaemonClient.connect(stateDir)
            .post("/control/tokens", Map.of("profiles", List.of(profile)))
            .get("token")
            .toString();
    return get(port, "/v1/credentials/" + profile, token);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return get(port, path, Files.readString(stateDir.resolve("control.token")).strip());
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", token)
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sigterm_servingDaemon_exitsWithinFiveSecondsAndCleansUp() throws Exception {
    first = startDaemon();
    DaemonInfo info = awaitServing(first);
    HttpResponse<String> served = credentials(info.port(), DEV);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(new JsonObject(served.body()).getString("AccessKeyId")).startsWith("ASIA");
    assertThat(portOpen(info.imdsPort())).as("IMDS turned on in the settings").isTrue();

    long began = System.nanoTime();
    first.terminate();
    int status = first.waitForExit(10);
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    assertThat(took)
        .as("SIGTERM to exit; output:%n%s", first.output())
        .isLessThan(Duration.ofSeconds(5));
    assertThat(status).isIn(0, 143);
    assertThat(stateDir.resolve(DaemonInfo.FILE_NAME)).doesNotExist();
    assertThat(portOpen(info.port())).isFalse();
    assertThat(portOpen(info.imdsPort())).isFalse();
    assertThat(Files.readString(credentialsFile))
        .doesNotContain("[" + SYNCED + "]")
        .contains("[demo-alice]");
    assertThat(first.output()).contains("stopping").doesNotContain("did not stop cleanly");
  }

  @Test
  void plainRun_servingDaemon_loadsNeitherPicocliNorVertxDnsResolver() throws Exception {
    Path classLog = home.resolve("classes.log");
    first =
        DaemonChild.start(
            List.of("-Xlog:class+load=info:file=" + classLog),
            env,
            "run",
            "--config",
            settingsFile.toString());
    awaitServing(first);
    first.terminate();
    first.waitForExit(10);

    List<String> loaded = Files.readAllLines(classLog);
    assertThat(loaded).anyMatch(line -> line.contains(" dev.rolekeeper.daemon.Daemon "));
    assertThat(loaded).noneMatch(line -> line.contains(" picocli."));
    assertThat(loaded).noneMatch(line -> line.contains(" io.netty.resolver.dns."));
  }

  @Test
  void secondInstance_sameStateDir_refusedWithExit73NamingThePid() throws Exception {
    first = startDaemon();
    awaitServing(first);

    second = startDaemon();
    int status = second.waitForExit(START_WITHIN.toSeconds());

    assertThat(status)
        .as("output:%n%s", second.output())
        .isEqualTo(AlreadyRunningException.EXIT_STATUS);
    assertThat(second.output())
        .contains("rolekeeper is already running for " + stateDir)
        .contains("pid " + first.pid())
        .contains("stop it with 'systemctl --user stop rolekeeper.service'")
        .contains(", or kill " + first.pid());
    assertThat(first.isAlive()).isTrue();
    assertThat(get(DaemonInfo.read(stateDir).orElseThrow().port(), "/control/status").statusCode())
        .isEqualTo(200);
  }

  @Test
  void settingsFileEdited_goodThenBad_appliesTheGoodAndKeepsItWithOneError() throws Exception {
    first = startDaemon();
    int port = awaitServing(first).port();

    writeSettings("[" + DEV + ", " + READONLY + "]");
    until(() -> servedProfiles(port).contains(READONLY), START_WITHIN);
    // The replan's log line follows the change it reports (status may show the profile first):
    // wait for it too.
    until(() -> first.output().contains("new sessions for [" + READONLY + "]"), START_WITHIN);
    assertThat(first.output())
        .contains("Settings reloaded")
        .contains("new sessions for [" + READONLY + "]");

    Files.writeString(settingsFile, "profiles: [" + DEV + "\nlisten: {port: 0\n");
    until(() -> first.output().contains("Settings not reloaded"), START_WITHIN);
    // A later AWS-files reload comes at least one scan period after the bad file was seen: by then
    // a repeated error
    // would have shown, and it re-plans with the settings still in force (both profiles).
    Path awsConfig = home.resolve(".aws/config");
    Files.writeString(awsConfig, Files.readString(awsConfig) + "\n# edited\n");
    until(() -> first.output().contains("AWS files reloaded"), START_WITHIN);

    assertThat(first.output().lines().filter(l -> l.contains("Settings not reloaded")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("~/settings.yaml").contains("line 2"));
    assertThat(servedProfiles(port)).contains(DEV, READONLY);
    assertThat(credentials(port, READONLY).statusCode()).isEqualTo(200);
  }

  @Test
  void status_noDaemon_saysNotRunningAndHowToStartIt() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = CommandTree.whole();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));

    int status = line.execute("status", "--state-dir", stateDir.toString());

    assertThat(status).isEqualTo(3);
    assertThat(err.toString())
        .contains("rolekeeper is not running (state directory " + stateDir + ")")
        .contains("Start it with `rolekeeper run`")
        .contains("systemctl --user start rolekeeper")
        .contains("launchctl kickstart");
    assertThat(out.toString()).isEmpty();
  }

  private String servedProfiles(int port) {
    try {
      return get(port, "/control/status").body();
    } catch (Exception e) {
      return "";
    }
  }

  private static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private void until(BooleanSupplier condition, Duration timeout) throws Exception {
    Polling.until(vertx, condition, timeout);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}

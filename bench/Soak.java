import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The soak run behind bench/soak: the packaged daemon ({@code java -jar rolekeeper.jar run}, as the
 * service runs it) against an STS simulator issuing short sessions, a client polling the container
 * endpoint throughout. Prints errors seen (must be 0), refreshes done, STS calls, and the daemon's
 * RSS and live heap after warm-up and at the end. Exits 1 on any error.
 *
 * <p>Run with the jar on the class path: {@code java -cp target/rolekeeper.jar bench/Soak.java
 * LAUNCHER MINUTES SESSION_S POLL_MS}, LAUNCHER being {@code bin/rolekeeper} (which execs java, so
 * its pid is the daemon's).
 */
public final class Soak {

  private static final List<String> PROFILES =
      List.of(DemoAccount.DEV_PROFILE, DemoAccount.READONLY_PROFILE);

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args[0]);
    Duration length = Duration.ofSeconds(Math.round(Double.parseDouble(args[1]) * 60));
    int sessionSeconds = Integer.parseInt(args[2]);
    long pollMillis = Long.parseLong(args[3]);
    Path home = Files.createTempDirectory("rolekeeper-soak");
    Vertx vertx = Vertx.vertx();
    DemoAccount account = DemoAccount.create();
    account.writeAwsFiles(home.resolve(".aws"), "us-east-1");
    StsSimulator simulator = new StsSimulator(account.config());
    simulator.start(vertx, 0).await();
    simulator.sessionSecondsOverride(sessionSeconds);
    Path stateDir = home.resolve("state");
    Path settings =
        Files.writeString(
            home.resolve("settings.yaml"),
            String.join(
                "\n",
                "listen: {port: 0, imdsPort: 0}",
                "profiles: [" + String.join(", ", PROFILES) + "]",
                "region: us-east-1",
                "stateDir: " + stateDir,
                "sts: {endpoint: \"" + simulator.endpoint() + "\"}",
                "mfa: {prompts: [cli]}",
                ""));
    Path log = home.resolve("daemon.log");
    List<String> command = List.of(launcher.toString(), "run", "--config", settings.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Only the launcher's own variables (ROLEKEEPER_JAR, ROLEKEEPER_JAVA_OPTS) pass: no settings
    // from the caller.
    builder
        .environment()
        .keySet()
        .removeIf(
            k ->
                (k.startsWith("ROLEKEEPER_")
                        && !k.equals("ROLEKEEPER_JAR")
                        && !k.equals("ROLEKEEPER_JAVA_OPTS"))
                    || k.startsWith("AWS_")
                    || k.equals("JOURNAL_STREAM"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    builder
        .environment()
        .put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    Process daemon = builder.start();
    int status = 1;
    try {
      status = new Soak(daemon, stateDir, simulator, log).run(length, sessionSeconds, pollMillis);
    } finally {
      daemon.toHandle().destroy();
      daemon.waitFor(10, TimeUnit.SECONDS);
      daemon.destroyForcibly();
      simulator.stop().await();
      vertx.close().await();
    }
    System.exit(status);
  }

  private final Process daemon;
  private final Path stateDir;
  private final StsSimulator simulator;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private Soak(Process daemon, Path stateDir, StsSimulator simulator, Path log) {
    this.daemon = daemon;
    this.stateDir = stateDir;
    this.simulator = simulator;
    this.log = log;
  }

  private int run(Duration length, int sessionSeconds, long pollMillis) throws Exception {
    JsonObject info = awaitDaemon();
    int port = info.getInteger("port");
    String token = clientToken(port);
    // Warm-up: both profiles served once, then the starting RSS is taken.
    for (String profile : PROFILES) {
      awaitServed(port, token, profile);
    }
    Instant start = Instant.now();
    Instant end = start.plus(length);
    // The first minute (at most a third of the run) is warm-up: the JIT compiles the hot path and
    // its classes load,
    // which grows RSS once. The starting figures are taken after it, so what the end shows is
    // growth over time.
    Instant warmedUp = start.plus(Duration.ofSeconds(Math.min(60, length.toSeconds() / 3)));
    long heapStart = -1;
    long rssStart = -1;
    System.out.printf(
        "soak: %s, sessions of %d s, polling every %d ms, daemon pid %d on port %d%n",
        length, sessionSeconds, pollMillis, daemon.pid(), port);
    long requests = 0;
    long errors = 0;
    long slowest = 0;
    Map<String, Set<String>> keysSeen = new HashMap<>();
    Instant nextReport = start.plusSeconds(30);
    while (Instant.now().isBefore(end)) {
      if (rssStart < 0 && Instant.now().isAfter(warmedUp)) {
        heapStart = liveHeapKb();
        rssStart = rssKb();
        System.out.printf(
            "  warm-up done: RSS %d MB, live heap %d KB%n", rssStart / 1024, heapStart);
      }
      if (!daemon.isAlive()) {
        System.out.println(
            "ERROR: the daemon exited with status " + daemon.exitValue() + "; see " + log);
        return 1;
      }
      String profile = PROFILES.get((int) (requests % PROFILES.size()));
      long began = System.nanoTime();
      String problem = check(port, token, profile, keysSeen);
      slowest = Math.max(slowest, (System.nanoTime() - began) / 1_000_000);
      requests++;
      if (problem != null) {
        errors++;
        if (errors <= 10) {
          System.out.println("ERROR " + Instant.now() + " " + profile + ": " + problem);
        }
      }
      if (Instant.now().isAfter(nextReport)) {
        System.out.printf(
            "  %s: %d requests, %d errors, RSS %d MB%n",
            Duration.between(start, Instant.now()).withNanos(0), requests, errors, rssKb() / 1024);
        nextReport = nextReport.plusSeconds(30);
      }
      Thread.sleep(
          pollMillis); // the polling interval of the simulated client, not a synchronisation
    }
    long heapEnd = liveHeapKb();
    long rssEnd = rssKb();
    long sessions =
        Files.readAllLines(log).stream().filter(l -> l.contains(": new session, expires")).count();
    long refreshes = sessions - PROFILES.size();
    System.out.printf("requests:        %d (slowest %d ms)%n", requests, slowest);
    System.out.printf("errors:          %d%n", errors);
    System.out.printf(
        "refreshes done:  %d (after the %d first sessions; daemon log), distinct keys served: %s%n",
        refreshes,
        PROFILES.size(),
        keysSeen.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().size())
            .sorted()
            .toList());
    System.out.printf(
        "STS calls:       %d (AssumeRole %d, GetSessionToken %d)%n",
        simulator.totalCalls(), simulator.calls("AssumeRole"), simulator.calls("GetSessionToken"));
    System.out.printf(
        "RSS:             after warm-up %d MB, end %d MB (%+d MB)%n",
        rssStart / 1024, rssEnd / 1024, (rssEnd - rssStart) / 1024);
    System.out.printf(
        "live heap:       after warm-up %d KB, end %d KB after a full GC (%s)%n",
        heapStart,
        heapEnd,
        heapStart < 0
            ? "jcmd not available"
            : "a leak shows here first; RSS also grows as the heap expands");
    long stopStart = System.nanoTime();
    daemon.toHandle().destroy();
    boolean stopped = daemon.waitFor(10, TimeUnit.SECONDS);
    System.out.printf(
        "SIGTERM to exit: %s%n",
        stopped
            ? (System.nanoTime() - stopStart) / 1_000_000
                + " ms (status "
                + daemon.exitValue()
                + ")"
            : "over 10 s");
    return errors == 0 && stopped ? 0 : 1;
  }

  /** One poll: null when the answer is complete, unexpired and signed for; else what is wrong. */
  private String check(int port, String token, String profile, Map<String, Set<String>> keysSeen) {
    HttpResponse<String> response;
    try {
      response = get(port, "/v1/credentials/" + profile, token);
    } catch (IOException | InterruptedException e) {
      return "request failed: " + e;
    }
    if (response.statusCode() != 200) {
      return "HTTP " + response.statusCode() + " " + response.body();
    }
    JsonObject body = new JsonObject(response.body());
    for (String field : List.of("AccessKeyId", "SecretAccessKey", "Token", "Expiration")) {
      if (body.getString(field) == null || body.getString(field).isBlank()) {
        return "no " + field + " in the answer";
      }
    }
    if (!Instant.parse(body.getString("Expiration")).isAfter(Instant.now())) {
      return "served expired credentials (Expiration " + body.getString("Expiration") + ")";
    }
    keysSeen.computeIfAbsent(profile, p -> new HashSet<>()).add(body.getString("AccessKeyId"));
    return null;
  }

  private JsonObject awaitDaemon() throws Exception {
    Path file = stateDir.resolve("daemon.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      if (!daemon.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the daemon did not start; see " + log);
      }
      Thread.sleep(100); // polling for the file the daemon writes once it serves
    }
    return new JsonObject(Files.readString(file));
  }

  private void awaitServed(int port, String token, String profile) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (check(port, token, profile, new HashMap<>()) != null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(profile + " was not served within 60 s; see " + log);
      }
      Thread.sleep(100); // polling for the first session
    }
  }

  private String clientToken(int port) throws Exception {
    String control = Files.readString(stateDir.resolve("control.token")).strip();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/control/tokens"))
                .header("Authorization", control)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("profiles", new JsonArray(PROFILES)).encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "could not get a client token: HTTP " + response.statusCode());
    }
    return new JsonObject(response.body()).getString("token");
  }

  private HttpResponse<String> get(int port, String path, String token)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", token)
            .timeout(Duration.ofSeconds(2))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The daemon's heap in use right after a full GC, through jcmd (-1 when the JDK has none). */
  private long liveHeapKb() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd) || run(jcmd, "GC.run") == null) {
      return -1;
    }
    String info = run(jcmd, "GC.heap_info");
    if (info == null) {
      return -1;
    }
    java.util.regex.Matcher used =
        java.util.regex.Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(info);
    long total = 0;
    while (used.find()) {
      total += Long.parseLong(used.group(1));
    }
    return total;
  }

  private String run(Path jcmd, String what) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(jcmd.toString(), String.valueOf(daemon.pid()), what)
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
  }

  /** The daemon's resident set size (Linux /proc; -1 elsewhere). */
  private long rssKb() throws IOException {
    Path status = Path.of("/proc", String.valueOf(daemon.pid()), "status");
    if (!Files.exists(status)) {
      return -1;
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElse(-1L);
  }
}

package dev.rolekeeper.bench;

import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.SimulatorConfig.SimRole;
import dev.rolekeeper.sandbox.SimulatorConfig.SimUser;
import dev.rolekeeper.sandbox.StsSimulator;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/serve}'s STS: the sandbox simulator in a process of its own (so the daemon's RSS and
 * CPU are the daemon's alone), with one user and N plain roles, and the AWS files that describe
 * them as profiles {@code bench-01} … {@code bench-NN}. The daemon reaches the simulator through a
 * {@link StsGate}.
 *
 * <p>Usage: {@code BenchSts DIR N}. Writes {@code DIR/config} and {@code DIR/credentials}, prints
 * {@code endpoint http://127.0.0.1:PORT}, then answers one line per command read from stdin: {@code
 * calls} → {@code AssumeRole=A GetSessionToken=G total=T}; {@code reset} → zeroes the counters;
 * {@code hold} → new STS connections wait; {@code held} → {@code held=N}, how many wait; {@code
 * release} → they go on. Stops at end of input.
 */
public final class BenchSts {

  private static final String ACCOUNT = "111122223333";
  static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/";
  static final String KEY_ID = "AKIASIMBENCH00000001";
  static final String SECRET = "benchSecretKey00000000000000000000000001";

  private BenchSts() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: BenchSts DIR PROFILES");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int profiles = Integer.parseInt(args[1]);
    SimUser user = new SimUser("bench", ACCOUNT, KEY_ID, SECRET, null);
    SimulatorConfig.Builder config = SimulatorConfig.builder().user(user);
    for (int i = 1; i <= profiles; i++) {
      config.role(new SimRole(ROLE + name(i), List.of(user.arn()), false, 3600, null));
    }
    writeAwsFiles(dir, user, profiles);
    Vertx vertx = Vertx.vertx();
    StsSimulator simulator = new StsSimulator(config.build());
    simulator.start(vertx, 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    StsGate gate = new StsGate(vertx, simulator.port());
    int gatePort = gate.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println("endpoint http://127.0.0.1:" + gatePort);
    System.out.flush();
    serveCommands(simulator, gate);
    simulator
        .stop()
        .eventually(vertx::close)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  static String name(int i) {
    return String.format("bench-%02d", i);
  }

  private static void serveCommands(StsSimulator simulator, StsGate gate) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.trim().split("\\s+");
      switch (words[0]) {
        case "calls" ->
            System.out.printf(
                "AssumeRole=%d GetSessionToken=%d total=%d%n",
                simulator.calls("AssumeRole"),
                simulator.calls("GetSessionToken"),
                simulator.totalCalls());
        case "reset" -> {
          simulator.resetCounters();
          System.out.println("ok");
        }
        case "hold" -> {
          gate.hold();
          System.out.println("ok");
        }
        case "release" -> {
          gate.release();
          System.out.println("ok");
        }
        case "held" -> System.out.println("held=" + gate.held());
        default -> System.out.println("error unknown command: " + words[0]);
      }
      System.out.flush();
    }
  }

  private static void writeAwsFiles(Path dir, SimUser user, int profiles) throws IOException {
    Files.createDirectories(dir);
    StringBuilder config =
        new StringBuilder("# bench/serve: role profiles of the simulated account\n");
    for (int i = 1; i <= profiles; i++) {
      config
          .append("[profile ")
          .append(name(i))
          .append("]\nrole_arn = ")
          .append(ROLE)
          .append(name(i))
          .append("\nsource_profile = bench-user\nregion = us-east-1\n\n");
    }
    Files.writeString(dir.resolve("config"), config);
    Files.writeString(
        dir.resolve("credentials"),
        "[bench-user]\naws_access_key_id = "
            + user.accessKeyId()
            + "\naws_secret_access_key = "
            + user.secretAccessKey()
            + "\n");
  }
}

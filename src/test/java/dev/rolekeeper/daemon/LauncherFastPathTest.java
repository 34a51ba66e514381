package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.cli.CommandTree;
import dev.rolekeeper.sandbox.DemoAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/rolekeeper credential-process PROFILE} answered by the launcher itself when the daemon
 * runs: the same JSON the Java command prints, no JVM started, and the Java command's checks kept
 * (here: a state directory others may write is not trusted; the squatted port and the lock nobody
 * holds are in {@code SquattedPortTest}).
 */
@ExtendWith(VertxExtension.class)
class LauncherFastPathTest {

  @TempDir Path home;
  @TempDir Path tools;

  private RunningDaemon running;
  private Path stateDir;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    // The default state directory of this HOME, where the launcher looks without being told.
    stateDir = home.resolve(".local/state/rolekeeper");
    running =
        RunningDaemon.prepare(
                vertx,
                home,
                List.of(DemoAccount.DEV_PROFILE),
                Map.of("ROLEKEEPER_STATEDIR", stateDir.toString()))
            .startDaemon(vertx);
    await(running.daemon.sessions().lookupSoon(DemoAccount.DEV_PROFILE));
  }

  @AfterEach
  void stop() throws Exception {
    running.stop();
  }

  @Test
  void daemonRunning_printsWhatTheJavaCommandPrints_withoutStartingJava() throws Exception {
    LauncherRun launch =
        LauncherRun.withoutJava(home, tools, "credential-process", DemoAccount.DEV_PROFILE);

    assertThat(launch.exit()).as("stderr: %s", launch.err()).isZero();
    assertThat(launch.javaStarted()).as("a JVM was started").isFalse();
    assertThat(launch.out()).isEqualTo(javaCommand("credential-process", DemoAccount.DEV_PROFILE));
    assertThat(new JsonObject(launch.out()).getString("AccessKeyId")).startsWith("ASIA");
  }

  @Test
  void stateDirNamedByTheVariable_asInTheDemosShell_answeredWithoutJava() throws Exception {
    LauncherRun launch =
        LauncherRun.withoutJava(
            home,
            tools,
            Map.of("ROLEKEEPER_STATEDIR", stateDir.toString()),
            "credential-process",
            DemoAccount.DEV_PROFILE);

    assertThat(launch.javaStarted()).as("a JVM was started").isFalse();
    assertThat(new JsonObject(launch.out()).getString("AccessKeyId")).startsWith("ASIA");
  }

  @Test
  void stateDirVariableInLowerCase_namesAnotherDirectory_theJavaCommandDecides() throws Exception {
    // The settings read ROLEKEEPER_* names in any case: this one points away from the daemon.
    LauncherRun launch =
        LauncherRun.withoutJava(
            home,
            tools,
            Map.of("rolekeeper_statedir", home.resolve("elsewhere").toString()),
            "credential-process",
            DemoAccount.DEV_PROFILE);

    assertThat(launch.javaStarted()).as("fell through to the JVM").isTrue();
  }

  @Test
  void stateDirWritableByGroup_notTrusted_theJavaCommandDecides() throws Exception {
    Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxrwx---"));

    LauncherRun launch =
        LauncherRun.withoutJava(home, tools, "credential-process", DemoAccount.DEV_PROFILE);

    assertThat(launch.javaStarted()).as("fell through to the JVM").isTrue();
    assertThat(launch.out()).doesNotContain("AccessKeyId");
  }

  @Test
  void profileNotServed_theJavaCommandSaysWhy() throws Exception {
    LauncherRun launch =
        LauncherRun.withoutJava(home, tools, "credential-process", "not-a-profile");

    assertThat(launch.javaStarted()).as("fell through to the JVM").isTrue();
  }

  /** What the Java command prints for {@code args}, run in this JVM. */
  private String javaCommand(String... args) {
    StringWriter out = new StringWriter();
    CommandLine line = CommandTree.whole();
    line.setOut(new PrintWriter(out, true));
    StringWriter err = new StringWriter();
    line.setErr(new PrintWriter(err, true));
    String[] withState = new String[args.length + 1];
    withState[0] = args[0];
    withState[1] = "--state-dir=" + stateDir;
    System.arraycopy(args, 1, withState, 2, args.length - 1);
    assertThat(line.execute(withState)).as("stderr: %s", err).isZero();
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}

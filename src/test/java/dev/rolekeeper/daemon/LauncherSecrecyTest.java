package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.install.JvmFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rolekeeper} runs the daemon under umask 077 with its JVM crash report sent to the
 * private state directory; the short-lived commands keep the user's umask and the JVM's defaults.
 */
class LauncherSecrecyTest {

  private static final Path LAUNCHER = Path.of("bin", "rolekeeper").toAbsolutePath();

  @TempDir Path dir;

  private Path home;
  private Path jar;
  private Path seen;

  @BeforeEach
  void fakeJava() throws IOException {
    home = Files.createDirectories(dir.resolve("home"));
    jar = dir.resolve("lib/rolekeeper.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "not read by the fake java");
    seen = dir.resolve("seen");
    // A java that reports what it was started with: its umask, then its arguments, one a line.
    Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n{ umask; printf '%s\\n' \"$@\"; } > '" + seen + "'\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
  }

  private List<String> launch(Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("/bin/sh", "-c", "umask 022; exec \"$0\" \"$@\""));
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("JAVA_HOME", dir.resolve("jdk").toString());
    env.put("ROLEKEEPER_JAR", jar.toString());
    env.put("ROLEKEEPER_JAVA_OPTS", "-Xshare:off");
    env.putAll(extraEnv);
    builder.environment().putAll(env);
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return Files.readAllLines(seen);
  }

  @Test
  void run_umask077AndCrashReportInTheDefaultStateDirectory_madePrivate() throws Exception {
    List<String> java = launch(Map.of(), "run");

    Path stateDir = home.resolve(".local/state/rolekeeper");
    assertThat(java.get(0)).as("umask").isEqualTo("0077");
    assertThat(java).contains("-XX:ErrorFile=" + stateDir + "/hs_err_pid%p.log");
    assertThat(java.subList(1, java.size())).containsSubsequence(JvmFlags.DAEMON);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir)))
        .isEqualTo("rwx------");
  }

  @Test
  void demo_stateDirFromTheEnvironment_holdsTheCrashReport() throws Exception {
    Path stateDir = Files.createDirectories(dir.resolve("elsewhere"));
    Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));

    List<String> java = launch(Map.of("ROLEKEEPER_STATEDIR", stateDir.toString()), "demo");

    assertThat(java.get(0)).isEqualTo("0077");
    assertThat(java).contains("-XX:ErrorFile=" + stateDir + "/hs_err_pid%p.log");
  }

  @Test
  void run_stateDirectoryOthersMayWrite_notUsedForTheReport() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    List<String> java = launch(Map.of("ROLEKEEPER_STATEDIR", shared.toString()), "run");

    assertThat(java.get(0)).isEqualTo("0077");
    assertThat(java).noneMatch(arg -> arg.startsWith("-XX:ErrorFile"));
  }

  @Test
  void clientCommand_keepsTheUsersUmaskAndTheJvmDefaults() throws Exception {
    List<String> java = launch(Map.of(), "status");

    assertThat(java.get(0)).isEqualTo("0022");
    assertThat(java).noneMatch(arg -> arg.startsWith("-XX:ErrorFile"));
    assertThat(home.resolve(".local/state/rolekeeper")).doesNotExist();
  }

  @Test
  void run_realJvmCrashes_reportIsPrivateAndInTheStateDirectoryNotTheWorkingOne() throws Exception {
    Path probeJar = probeJar();
    List<String> command =
        List.of(
            "/bin/sh", "-c", "umask 022; exec \"$0\" \"$@\"", LAUNCHER.toString(), "run", "--oom");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            Map.of(
                "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME",
                home.toString(),
                "JAVA_HOME",
                System.getProperty("java.home"),
                "ROLEKEEPER_JAR",
                probeJar.toString(),
                "ROLEKEEPER_JAVA_OPTS",
                "-Xshare:off -Xmx16m -XX:+CrashOnOutOfMemoryError -XX:-CreateCoredumpOnCrash"));
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isNotZero();

    Path stateDir = home.resolve(".local/state/rolekeeper");
    List<Path> reports = hsErr(stateDir);
    assertThat(reports).as(output).hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reports.get(0))))
        .isEqualTo("rw-------");
    assertThat(hsErr(dir)).as("nothing in the working directory").isEmpty();
  }

  private static List<Path> hsErr(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).toList();
    }
  }

  private Path probeJar() throws IOException {
    return LauncherProbe.writeJar(dir.resolve("probe/rolekeeper.jar"));
  }
}

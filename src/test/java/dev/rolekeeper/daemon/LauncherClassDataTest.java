package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rolekeeper}'s class-data archives, run for real on a small jar ({@link
 * LauncherProbe}): made on first use beside the jar, used afterwards, made again when stale, and
 * never a reason for an error or a word on stderr.
 */
class LauncherClassDataTest {

  private static final Path LAUNCHER = Path.of("bin", "rolekeeper").toAbsolutePath();
  private static final String PROBE = LauncherProbe.class.getName();

  @TempDir Path dir;

  private Path jar;
  private Path clientArchive;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void buildProbeJar() throws IOException {
    jar = dir.resolve("lib/rolekeeper.jar");
    clientArchive = dir.resolve("lib/rolekeeper-client.jsa");
    LauncherProbe.writeJar(jar);
    Files.createDirectories(dir.resolve("home"));
  }

  private ProcessBuilder launcher(String javaOpts, String... args) {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            Map.of(
                "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME",
                dir.resolve("home").toString(),
                "JAVA_HOME",
                System.getProperty("java.home"),
                "ROLEKEEPER_JAR",
                jar.toString()));
    if (javaOpts != null) {
      builder.environment().put("ROLEKEEPER_JAVA_OPTS", javaOpts);
    }
    return builder;
  }

  private Run run(String javaOpts, String... args) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        launcher(javaOpts, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(jar.getParent())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".tmp"))
          .toList();
    }
  }

  @Test
  void clientCommand_firstRun_writesArchiveBesideJar_silently() throws Exception {
    Run first = run(null, "status", "--state-dir", "x");

    assertThat(first.exit()).isZero();
    assertThat(first.out()).isEqualTo("probe status --state-dir x\n");
    assertThat(first.err()).isEmpty();
    assertThat(clientArchive).isNotEmptyFile();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void clientCommand_failedFirstRun_leavesNoArchive_andTheNextSuccessfulOneMakesIt()
      throws Exception {
    Run failed = run(null, "status", "--fail");

    assertThat(failed.exit()).isEqualTo(3);
    assertThat(failed.err()).isEmpty();
    assertThat(clientArchive).doesNotExist();
    assertThat(leftovers()).isEmpty();

    assertThat(run(null, "status").exit()).isZero();
    assertThat(clientArchive).isNotEmptyFile();
  }

  @Test
  void clientCommand_askedForHelpFirst_makesNoArchive_andTheNextRealCallMakesIt() throws Exception {
    for (String help : new String[] {"--help", "-h", "--version", "-V"}) {
      Run asked = run(null, "status", help);

      assertThat(asked.exit()).isZero();
      assertThat(clientArchive).as("after status %s", help).doesNotExist();
      assertThat(leftovers()).isEmpty();
    }

    assertThat(run(null, "status").exit()).isZero();
    assertThat(clientArchive).isNotEmptyFile();
  }

  @Test
  void clientCommand_withArchive_loadsItsClassesFromIt() throws Exception {
    run(null, "status");
    Path classLog = dir.resolve("classes.log");

    Run second = run("-Xlog:class+load=info:file=" + classLog, "credential-process", "prod");

    assertThat(second.exit()).isZero();
    assertThat(second.err()).isEmpty();
    assertThat(Files.readAllLines(classLog))
        .anyMatch(line -> line.contains(" " + PROBE + " source: shared objects file"));
  }

  @Test
  void debianPackageLayout_clientCommand_keepsItsArchiveInTheUsersCache() throws Exception {
    // /usr/lib/rolekeeper as the package installs it: the launcher, the jar, and a runtime of its
    // own.
    Path installed = dir.resolve("usr/lib/rolekeeper");
    Files.createDirectories(installed.resolve("bin"));
    Files.createDirectories(installed.resolve("lib/app"));
    Files.copy(LAUNCHER, installed.resolve("bin/rolekeeper"));
    Files.copy(jar, installed.resolve("lib/app/rolekeeper.jar"));
    Files.createSymbolicLink(
        installed.resolve("lib/runtime"), Path.of(System.getProperty("java.home")));
    Path cache = dir.resolve("home/.cache/rolekeeper");
    Path classLog = dir.resolve("classes.log");

    Run first = runInstalled(installed, null, "status");
    Run second =
        runInstalled(
            installed, "-Xlog:class+load=info:file=" + classLog, "credential-process", "p");

    assertThat(first.exit()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(cache.resolve("rolekeeper-client.jsa")).isNotEmptyFile();
    // Not beside the jar, even for a user who may write there (root): dpkg would leave it behind.
    try (Stream<Path> files = Files.list(installed.resolve("lib/app"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("rolekeeper.jar");
    }
    assertThat(second.exit()).isZero();
    assertThat(second.out()).isEqualTo("probe credential-process p\n");
    assertThat(Files.readAllLines(classLog))
        .anyMatch(line -> line.contains(" " + PROBE + " source: shared objects file"));
  }

  /** The installed launcher as a user runs it: no ROLEKEEPER_JAR, no JAVA_HOME. */
  private Run runInstalled(Path installed, String javaOpts, String... args) throws Exception {
    ProcessBuilder builder = launcher(javaOpts, args);
    builder.command().set(0, installed.resolve("bin/rolekeeper").toString());
    builder.environment().remove("ROLEKEEPER_JAR");
    builder.environment().remove("JAVA_HOME");
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void staleArchive_olderThanJar_isWrittenAgain() throws Exception {
    run(null, "status");
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    Files.setLastModifiedTime(clientArchive, old);

    Run run = run(null, "env", "prod");

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(Files.getLastModifiedTime(clientArchive)).isGreaterThan(old);
  }

  @Test
  void demo_firstRun_makesItsOwnArchive_notTheDaemons() throws Exception {
    // One made by the demo holds the simulator's classes, which a real daemon would then map all
    // day.
    Run run = run(null, "demo");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("probe demo\n");
    assertThat(dir.resolve("lib/rolekeeper-demo.jsa")).isNotEmptyFile();
    assertThat(dir.resolve("lib/rolekeeper-daemon.jsa")).doesNotExist();
    assertThat(clientArchive).doesNotExist();
  }

  @Test
  void damagedArchive_isIgnoredWithoutAWord() throws Exception {
    Files.writeString(clientArchive, "not a class-data archive");

    Run run = run(null, "status");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("probe status\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  @Timeout(120)
  void daemon_firstRunStoppedBySigterm_stopsCleanlyAndLeavesTheDaemonArchive() throws Exception {
    Path err = dir.resolve("daemon.err");
    Process daemon = launcher(null, "run").redirectError(err.toFile()).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("probe run");
    assertThat(out.readLine()).isEqualTo("serving");

    // SIGTERM through the handle: Process.destroy() would also close our end of the output pipe.
    daemon.toHandle().destroy();

    assertThat(out.readLine()).as("SIGTERM reached java, whose shutdown ran").isEqualTo("stopped");
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    assertThat(Files.readString(err)).isEmpty();
    assertThat(dir.resolve("lib/rolekeeper-daemon.jsa")).isNotEmptyFile();
    assertThat(leftovers()).isEmpty();
  }
}

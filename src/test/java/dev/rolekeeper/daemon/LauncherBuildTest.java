package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rolekeeper}'s build on first use in a source clone, with a stand-in {@code mvn} that
 * writes what Maven writes to a terminal (colour resets) and a stand-in {@code java}: a new user
 * sees the one "building" line and nothing of Maven's, unless the build fails, when they see its
 * errors without escape codes.
 */
class LauncherBuildTest {

  private static final Path LAUNCHER = Path.of("bin", "rolekeeper").toAbsolutePath();
  private static final String ESC = "\u001b";

  @TempDir Path dir;

  private Path clone;
  private Path tools;

  @BeforeEach
  void sourceCloneWithStandIns() throws IOException {
    clone = dir.resolve("clone");
    Files.createDirectories(clone.resolve("bin"));
    Files.createDirectories(clone.resolve("src/main"));
    Files.writeString(clone.resolve("pom.xml"), "<project/>");
    Files.copy(LAUNCHER, clone.resolve("bin/rolekeeper"));
    tools = Files.createDirectories(dir.resolve("tools"));
    executable(tools.resolve("java"), "#!/bin/sh\necho ran\n");
    Files.createDirectories(dir.resolve("home"));
  }

  @Test
  void firstRun_buildSucceeds_onlyTheBuildingLineOnStderr() throws Exception {
    executable(
        tools.resolve("mvn"),
        "#!/bin/sh\n"
            + "printf '\\033[0m\\033[0m\\033[0m\\033[0m'\n"
            + "mkdir -p target && echo jar > target/rolekeeper.jar\n");

    Run run = launcher("version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("ran\n");
    assertThat(run.err())
        .isEqualTo(
            "rolekeeper: building "
                + clone.resolve("target/rolekeeper.jar")
                + " with Maven (first run, or the sources changed)...\n");
  }

  @Test
  void firstRun_buildFails_mavensErrorsShownWithoutEscapeCodes() throws Exception {
    executable(
        tools.resolve("mvn"),
        "#!/bin/sh\n"
            + "printf '\\033[0m\\033[1;31m[ERROR]\\033[m COMPILATION ERROR: Foo.java:[3,1]\\n'\n"
            + "exit 1\n");

    Run run = launcher("version");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("[ERROR] COMPILATION ERROR: Foo.java:[3,1]")
        .contains("the Maven build failed")
        .doesNotContain(ESC);
    try (var left = Files.list(dir.resolve("tmp"))) {
      assertThat(left).as("the build log is removed").isEmpty();
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run launcher(String... args) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("tmp"));
    ProcessBuilder builder = new ProcessBuilder(clone.resolve("bin/rolekeeper").toString());
    builder.command().addAll(java.util.List.of(args));
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            Map.of(
                "PATH", tools + ":/usr/bin:/bin",
                "HOME", dir.resolve("home").toString(),
                "TMPDIR", dir.resolve("tmp").toString()));
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out, err);
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}

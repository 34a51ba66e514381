package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code bin/rolekeeper} with a {@code java} on the PATH that only records that it ran:
 * whatever the launcher answers itself needs no JVM, and whatever it hands to the JVM shows.
 *
 * @param exit the launcher's exit status
 * @param out its standard output
 * @param err its standard error
 * @param javaStarted whether it started {@code java}
 */
public record LauncherRun(int exit, String out, String err, boolean javaStarted) {

  private static final Path LAUNCHER = Path.of("bin", "rolekeeper").toAbsolutePath();

  /**
   * Runs the launcher with {@code HOME=home} and nothing else of this process's environment.
   *
   * @param scratch a directory of the test's own for the stand-in {@code java} and the output
   */
  public static LauncherRun withoutJava(Path home, Path scratch, String... args) throws Exception {
    return withoutJava(home, scratch, Map.of(), args);
  }

  /** As {@link #withoutJava(Path, Path, String...)}, with {@code env} set as well. */
  public static LauncherRun withoutJava(
      Path home, Path scratch, Map<String, String> env, String... args) throws Exception {
    Path bin = Files.createDirectories(scratch.resolve("bin"));
    Path marker = scratch.resolve("java-started");
    Files.deleteIfExists(marker);
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\ntouch '" + marker + "'\nexit 3\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    Path jar = Files.writeString(scratch.resolve("rolekeeper.jar"), "not used");
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            Map.of(
                "HOME", home.toString(),
                "PATH", bin + ":/usr/bin:/bin",
                "ROLEKEEPER_JAR", jar.toString()));
    builder.environment().putAll(env);
    Path out = scratch.resolve("out");
    Path err = scratch.resolve("err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new LauncherRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        Files.exists(marker));
  }
}

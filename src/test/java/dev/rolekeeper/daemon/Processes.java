package dev.rolekeeper.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs helper programs to completion, bounded in time, capturing what they print. */
public final class Processes {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  public record Result(int exitCode, String output) {}

  /** What a finished program wrote on stdout and on stderr. */
  public record Finished(int exitCode, String out, String err) {}

  private Processes() {}

  public static Result run(List<String> command, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(extraEnv);
    Finished finished = runBounded(builder, TIMEOUT);
    return new Result(finished.exitCode(), finished.out());
  }

  /**
   * Runs {@code builder} with stdin closed and stdout and stderr sent to temp files, so a child
   * that hangs or never closes its output cannot hang the test: after {@code timeout} it is killed
   * and an {@link IllegalStateException} says so, with what it printed until then.
   */
  public static Finished runBounded(ProcessBuilder builder, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("rolekeeper-test-", ".out");
    Path err = Files.createTempFile("rolekeeper-test-", ".err");
    try {
      builder.redirectOutput(out.toFile());
      if (!builder.redirectErrorStream()) {
        builder.redirectError(err.toFile());
      }
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            builder.command()
                + " did not finish in "
                + timeout.toSeconds()
                + " s; it printed: "
                + Files.readString(out, StandardCharsets.UTF_8)
                + " / "
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Finished(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The first directory on PATH holding an executable of this name. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

package dev.rolekeeper.oracle;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an SDK as a separate process (a child JVM, a Python driver) with the given environment and
 * none of this machine's AWS variables, and reads its report: the last line of its output, one JSON
 * object without secrets.
 */
final class ClientProcess {

  private ClientProcess() {}

  /** What the client reported, or why it failed (its exit code and its error output). */
  record Outcome(int exit, JsonObject report, String errors) {
    boolean ok() {
      return exit == 0 && report != null;
    }

    @Override
    public String toString() {
      return "exit " + exit + ", report " + report + ", errors:\n" + errors;
    }
  }

  static Outcome run(List<String> command, Map<String, String> env, Path scratch)
      throws IOException, InterruptedException {
    Files.createDirectories(scratch);
    Path out = Files.createTempFile(scratch, "client", ".out");
    Path err = Files.createTempFile(scratch, "client", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      return new Outcome(-1, null, "timed out after 120 s\n" + Files.readString(err));
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    JsonObject report = null;
    if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("{")) {
      report = new JsonObject(lines.get(lines.size() - 1));
    }
    return new Outcome(process.exitValue(), report, Files.readString(err, StandardCharsets.UTF_8));
  }
}

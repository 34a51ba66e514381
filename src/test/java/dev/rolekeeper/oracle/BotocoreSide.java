package dev.rolekeeper.oracle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code interop/botocore/resolve.py} with the pinned botocore that {@code .ci/run} unpacks
 * (see {@link #PATH}) over the whole corpus in one process.
 */
final class BotocoreSide {

  static final String VERSION = "1.37.9";

  /** Where {@code .ci/run} unpacks Debian's python3-botocore; BOTOCORE_PATH overrides it. */
  static final Path PATH =
      Path.of(
          System.getenv()
              .getOrDefault(
                  "BOTOCORE_PATH",
                  System.getProperty("user.home")
                      + "/.cache/rolekeeper-ci/botocore-"
                      + VERSION
                      + "/usr/lib/python3/dist-packages"));

  private BotocoreSide() {}

  static boolean available() {
    return Files.isDirectory(PATH.resolve("botocore"))
        && Files.isExecutable(Path.of("/usr/bin/python3"));
  }

  /** Case name → profile → resolution; the botocore version under key {@code botocore}. */
  static Map<String, Map<String, Resolution>> resolve(List<Path> cases, Path scratch)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/python3", "interop/botocore/resolve.py"));
    cases.forEach(c -> command.add(c.toString()));
    Path output = scratch.resolve("botocore.json");
    Path errors = scratch.resolve("botocore.err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
    builder.environment().put("PYTHONPATH", PATH.toString());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "resolve.py failed: " + Files.readString(errors, StandardCharsets.UTF_8));
    }
    JsonObject root = new JsonObject(Files.readString(output, StandardCharsets.UTF_8));
    if (!VERSION.equals(root.getString("botocore"))) {
      throw new IllegalStateException(
          "expected botocore " + VERSION + ", got " + root.getString("botocore"));
    }
    Map<String, Map<String, Resolution>> out = new LinkedHashMap<>();
    for (String name : root.fieldNames()) {
      if (!name.equals("botocore")) {
        Map<String, Resolution> profiles = new LinkedHashMap<>();
        JsonObject byProfile = root.getJsonObject(name);
        byProfile.fieldNames().forEach(p -> profiles.put(p, of(byProfile.getJsonObject(p))));
        out.put(name, profiles);
      }
    }
    return out;
  }

  private static Resolution of(JsonObject node) {
    if (node.containsKey("error")) {
      return Resolution.failed(node.getString("error"));
    }
    List<String> chain = new ArrayList<>();
    JsonArray links = node.getJsonArray("chain");
    links.forEach(link -> chain.add(String.valueOf(link)));
    return new Resolution(node.getString("endpoint"), node.getString("region"), chain, null);
  }
}

package dev.rolekeeper.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rolekeeper demo ARGS} as a child JVM (it serves until it is stopped, like a person's
 * terminal), with the exports it printed on stdout. Stderr goes to a file for diagnostics.
 */
final class DemoProcess implements AutoCloseable {

  private static final Pattern EXPORT = Pattern.compile("export ([A-Z_0-9]+)=(.*)");

  private final Process process;
  private final Path log;
  private final Map<String, String> exports;

  private DemoProcess(Process process, Path log, Map<String, String> exports) {
    this.process = process;
    this.log = log;
    this.exports = exports;
  }

  /**
   * Starts the demo and waits until it printed its exports (the last one is {@code lastExport}).
   */
  static DemoProcess start(Path dir, String lastExport, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo"));
    command.addAll(List.of(args));
    Path log = dir.resolve("demo.stderr");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    Process process = builder.start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Map<String, String> exports =
          CompletableFuture.supplyAsync(() -> readExports(out, lastExport))
              .get(60, TimeUnit.SECONDS);
      return new DemoProcess(process, log, exports);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new AssertionError("demo printed no exports; its stderr is in " + log, e);
    }
  }

  private static Map<String, String> readExports(BufferedReader out, String lastExport) {
    Map<String, String> exports = new LinkedHashMap<>();
    try {
      String line;
      while ((line = out.readLine()) != null) {
        Matcher m = EXPORT.matcher(line);
        if (m.matches()) {
          exports.put(m.group(1), unquote(m.group(2)));
          if (m.group(1).equals(lastExport)) {
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading the demo's stdout: " + e.getMessage(), e);
    }
    return exports;
  }

  /** The {@code export NAME=value} lines of {@code text} (bash), by name. */
  static Map<String, String> exportsIn(String text) {
    Map<String, String> exports = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = EXPORT.matcher(line);
      if (m.matches()) {
        exports.put(m.group(1), unquote(m.group(2)));
      }
    }
    return exports;
  }

  private static String unquote(String value) {
    if (value.startsWith("'") && value.endsWith("'")) {
      return value.substring(1, value.length() - 1).replace("'\\''", "'");
    }
    return value;
  }

  Map<String, String> exports() {
    return exports;
  }

  String export(String name) {
    String value = exports.get(name);
    if (value == null) {
      throw new AssertionError(
          "the demo exported no "
              + name
              + " (got "
              + exports.keySet()
              + ", stderr in "
              + log
              + ")");
    }
    return value;
  }

  /** What the demo has written to stderr so far: its instructions and its log. */
  String stderr() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the demo as Ctrl-C would; true when it exited within 15 s. */
  boolean stop() throws InterruptedException {
    process.destroy();
    return process.waitFor(15, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive() && !stop()) {
      process.destroyForcibly();
    }
  }
}

package dev.rolekeeper.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code rolekeeper ARGS} in a child JVM on the test classpath, with exactly the environment given
 * (nothing of the test runner's leaks in: no JOURNAL_STREAM, no ROLEKEEPER_*), its stdout and
 * stderr collected together.
 */
final class DaemonChild implements AutoCloseable {

  private final Process process;
  private final Thread reader;
  private final StringBuffer output = new StringBuffer();

  private DaemonChild(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "rolekeeper-child-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static DaemonChild start(Map<String, String> env, String... args) throws IOException {
    return start(List.of(), env, args);
  }

  /** With {@code jvmOptions} added to the child's JVM options. */
  static DaemonChild start(List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx128m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    return new DaemonChild(builder.start());
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** What the child printed so far (its log lines and messages). */
  String output() {
    return output.toString();
  }

  /** SIGTERM on Linux, as systemd and launchd stop a service. */
  void terminate() {
    // Through the handle: Process.destroy() also closes our end of the output pipe, losing the last
    // lines.
    process.toHandle().destroy();
  }

  /** The exit status, or -1 (and the child killed) if it did not end within {@code seconds}. */
  int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      return -1;
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
      }
    } catch (IOException e) {
      // Ends with the child.
    }
  }
}

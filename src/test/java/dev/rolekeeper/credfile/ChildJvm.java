package dev.rolekeeper.credfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A running {@link CredfileWriterChild}, with the last version it reported as written. */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Thread reader;
  private final Thread errorReader;
  private final StringBuffer errors = new StringBuffer();
  private final AtomicLong lastReported;
  private final long first;
  private final Object reports = new Object();
  private boolean ended;

  private ChildJvm(Process process, long before) {
    this.process = process;
    this.lastReported = new AtomicLong(before);
    this.first = before + 1;
    this.reader = new Thread(this::readReports, "child-reader-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    this.errorReader = new Thread(this::readErrors, "child-errors-" + process.pid());
    errorReader.setDaemon(true);
    errorReader.start();
  }

  /**
   * What the child printed on stderr so far (its refusals and failures; no secrets, the keys are
   * fake).
   */
  String errors() {
    return errors.toString();
  }

  /** Starts a child writing versions {@code first}, {@code first + 1}, ... */
  static ChildJvm start(Path file, String section, long first, long count, boolean awaitFinal)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx64m",
                // Logback's start-up would double the child's start time, and the kill loop is
                // bound by start time.
                "-Dslf4j.provider=org.slf4j.helpers.NOP_SLF4JServiceProvider",
                "-cp",
                System.getProperty("java.class.path"),
                CredfileWriterChild.class.getName(),
                file.toString(),
                section,
                String.valueOf(first),
                String.valueOf(count)));
    if (awaitFinal) {
      command.add("final");
    }
    Process process = new ProcessBuilder(command).start();
    return new ChildJvm(process, first - 1);
  }

  /** Waits until the child completed its first write, i.e. it is warm and inside its loop. */
  boolean awaitFirstWrite(long seconds) throws InterruptedException {
    return awaitReport(first, seconds);
  }

  /**
   * Waits until the child reported {@code version} written; false if it ended or time ran out
   * first.
   */
  boolean awaitReport(long version, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (reports) {
      while (lastReported.get() < version && !ended) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(reports, left);
      }
    }
    return lastReported.get() >= version;
  }

  /** SIGKILL on Linux; returns once the process is gone and all its reports are read. */
  void kill() throws InterruptedException {
    // Through the handle: Process.destroyForcibly() also closes our end of stdout, dropping reports
    // still in the pipe.
    process.toHandle().destroyForcibly();
    process.waitFor();
    reader.join();
  }

  /** Lets an {@code awaitFinal} child do its last write. */
  void release() throws IOException {
    process.getOutputStream().write('\n');
    process.getOutputStream().flush();
  }

  int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    reader.join();
    errorReader.join();
    return process.exitValue();
  }

  long lastReported() {
    return lastReported.get();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private void readErrors() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        errors.append(line).append('\n');
      }
    } catch (IOException e) {
      // Ends with the child.
    }
  }

  private void readReports() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("wrote ")) {
          synchronized (reports) {
            lastReported.set(Long.parseLong(line.substring(6).strip()));
            reports.notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // The stream ends abruptly when the child is killed; what was read stands.
    } finally {
      synchronized (reports) {
        ended = true;
        reports.notifyAll();
      }
    }
  }
}

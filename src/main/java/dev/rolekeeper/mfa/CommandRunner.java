package dev.rolekeeper.mfa;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs external commands (notify-send, zenity, osascript, {@code mfa_process}) on the named worker pool
 * {@value #POOL}, never on an event loop: dialogs block for minutes.
 *
 * <p>Input is written to the command's stdin (that is how scripts and codes travel, never argv). A command
 * that outlives its timeout, or is cancelled, is killed with its whole process tree.
 */
public final class CommandRunner {

  /** The worker pool name. */
  public static final String POOL = "rolekeeper-mfa";

  // one thread per open dialog or running mfa_process: a few devices at once is plenty
  private static final int POOL_SIZE = 8;

  private final WorkerExecutor executor;
  private final Map<String, String> environment;

  /**
   * @param vertx the Vert.x instance
   * @param environment variables set for (added to) every command, e.g. DISPLAY for tests
   */
  public CommandRunner(Vertx vertx, Map<String, String> environment) {
    this.executor = vertx.createSharedWorkerExecutor(POOL, POOL_SIZE, 1, TimeUnit.DAYS);
    this.environment = Map.copyOf(environment);
  }

  /** The variables a command would see for {@code name}: ours first, then the daemon's. */
  public String env(String name) {
    String value = environment.get(name);
    return value != null ? value : System.getenv(name);
  }

  /**
   * Starts {@code command} with {@code stdin} as its input.
   *
   * @param command program and arguments (never secrets)
   * @param stdin bytes written to its standard input, then closed (may be empty)
   * @param timeout after which it is killed
   */
  public Running run(List<String> command, String stdin, Duration timeout) {
    return run(command, Map.of(), stdin, timeout);
  }

  /** Like {@link #run(List, String, Duration)}, with {@code extraEnv} added for this command only. */
  public Running run(List<String> command, Map<String, String> extraEnv, String stdin, Duration timeout) {
    Running running = new Running();
    running.result = executor.executeBlocking(() -> running.execute(command, extraEnv, stdin, timeout), false);
    return running;
  }

  /** A started command. */
  public final class Running {
    private final AtomicReference<Process> process = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Future<CommandResult> result;

    /** How it ended. Fails only when it could not be started (e.g. program missing). */
    public Future<CommandResult> result() {
      return result;
    }

    /** Kills it and its children, if still running. */
    public void cancel() {
      cancelled.set(true);
      Process p = process.get();
      if (p != null) {
        killTree(p);
      }
    }

    private CommandResult execute(List<String> command, Map<String, String> extraEnv, String stdin,
        Duration timeout)
        throws IOException, InterruptedException {
      if (cancelled.get()) {
        return new CommandResult(-1, "", "", false, true);
      }
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      builder.environment().putAll(extraEnv);
      Process p = builder.start();
      process.set(p);
      if (cancelled.get()) {
        killTree(p);
      }
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      feed(p.getOutputStream(), stdin);
      boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        killTree(p);
        p.waitFor(5, TimeUnit.SECONDS);
      }
      int code = exited ? p.exitValue() : -1;
      return new CommandResult(
          code, settle(out), settle(err), !exited && !cancelled.get(), cancelled.get());
    }
  }

  private static String settle(CompletableFuture<String> stream) {
    // A detached grandchild can keep the pipe open after we killed the tree: don't wait for it forever.
    return stream.completeOnTimeout("", 5, TimeUnit.SECONDS).join();
  }

  private static void feed(OutputStream in, String text) {
    try (in) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // the command may exit without reading its input; that is its business
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    // Own threads rather than the worker pool: the pool thread is blocked in waitFor meanwhile.
    return CompletableFuture.supplyAsync(() -> readAll(stream), runnable -> {
      Thread thread = new Thread(runnable, "rolekeeper-mfa-pipe");
      thread.setDaemon(true);
      thread.start();
    });
  }

  private static String readAll(InputStream stream) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (stream) {
      stream.transferTo(buffer);
    } catch (IOException e) {
      // the pipe closes under us when the process is killed: keep what was read
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }
}

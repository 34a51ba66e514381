package dev.rolekeeper.process;

import dev.rolekeeper.os.BoundedFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place the daemon launches processes from: {@code credential_process}, {@code
 * mfa_process}, {@code notify-send}, dialogs, {@code osascript}, {@code xdg-open}.
 *
 * <p>Contract: a process runs on a named worker pool of its {@link Pool}, never on an event loop,
 * so dialogs that stay open for minutes and hung credential processes block neither the event loops
 * nor each other's pools nor the default worker pool (STS calls, file writes). Input is written to
 * its stdin (how scripts and codes travel, never argv); stdout and stderr are drained while it
 * runs, so a chatty child never fills a pipe and stalls, and only their first {@link #OUTPUT_LIMIT}
 * bytes are kept, so a runaway child cannot fill the daemon's heap either. A process that outlives
 * its timeout, or is cancelled, is killed with all its descendants; {@link #stopAll()} kills every
 * child still running (the daemon calls it when it stops).
 *
 * <p>A child gets the daemon's environment plus the variables given here, less the secrets that
 * {@link ChildEnvironment} lists ({@code AWS_SECRET_ACCESS_KEY} and the like): none of them may
 * reach a program we do not control, or the browser that {@code xdg-open} starts.
 */
public final class ProcessRunner {

  /** The most kept of a process's standard output, and of its standard error. */
  public static final int OUTPUT_LIMIT = BoundedFiles.SMALL_INPUT_LIMIT;

  /** Which bounded worker pool a process waits on. */
  public enum Pool {
    /**
     * Prompts: notifications, dialogs, {@code mfa_process}; one thread per open prompt, a few
     * devices at once.
     */
    PROMPTS("rolekeeper-prompts", 8),
    /**
     * {@code credential_process} commands: a few hung ones wait here without starving anything
     * else.
     */
    CREDENTIAL_PROCESSES("rolekeeper-credential-process", 4);

    private final String poolName;
    private final int size;

    Pool(String poolName, int size) {
      this.poolName = poolName;
      this.size = size;
    }

    /** The worker pool's name (its threads are named after it). */
    public String poolName() {
      return poolName;
    }
  }

  private final Map<Pool, WorkerExecutor> executors = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final Map<String, String> environment;
  private final BrowserHandoff browser;
  private final Set<Process> live = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  /**
   * @param vertx the Vert.x instance whose named worker pools run the processes
   * @param environment variables set for (added to) every process, e.g. DISPLAY for tests
   */
  public ProcessRunner(Vertx vertx, Map<String, String> environment) {
    this(vertx, environment, BrowserHandoff.temporary(vertx));
  }

  /**
   * @param browser where links for the browser are handed over (the daemon's is in its state
   *     directory)
   */
  public ProcessRunner(Vertx vertx, Map<String, String> environment, BrowserHandoff browser) {
    this.vertx = vertx;
    this.environment = Map.copyOf(environment);
    this.browser = browser;
  }

  /** Where a secret link for the browser goes instead of a command line. */
  public BrowserHandoff browser() {
    return browser;
  }

  /** The variables a process would see for {@code name}: ours first, then the daemon's. */
  public String env(String name) {
    String value = environment.get(name);
    return value != null ? value : System.getenv(name);
  }

  /** Finds programs on the {@code PATH} the processes see (ours, else the daemon's). */
  public ProgramLocator programs() {
    return new ProgramLocator(Optional.ofNullable(env("PATH")).orElse(""));
  }

  /**
   * Starts {@code command} on the {@link Pool#PROMPTS} pool with {@code stdin} as its input.
   *
   * @param command program and arguments (never secrets)
   * @param stdin bytes written to its standard input, then closed (may be empty)
   * @param timeout after which it is killed
   */
  public Running run(List<String> command, String stdin, Duration timeout) {
    return run(Pool.PROMPTS, command, Map.of(), stdin, timeout);
  }

  /**
   * Like {@link #run(List, String, Duration)}, with {@code extraEnv} added for this process only.
   */
  public Running run(
      List<String> command, Map<String, String> extraEnv, String stdin, Duration timeout) {
    return run(Pool.PROMPTS, command, extraEnv, stdin, timeout);
  }

  /** Starts {@code command} on {@code pool}. */
  public Running run(
      Pool pool,
      List<String> command,
      Map<String, String> extraEnv,
      String stdin,
      Duration timeout) {
    Running running = new Running();
    WorkerExecutor executor =
        executors.computeIfAbsent(
            pool, p -> vertx.createSharedWorkerExecutor(p.poolName, p.size, 1, TimeUnit.DAYS));
    running.result =
        executor.executeBlocking(() -> running.execute(command, extraEnv, stdin, timeout), false);
    return running;
  }

  /**
   * Kills every child still running, with its descendants, and refuses to start more. Idempotent.
   */
  public void stopAll() {
    stopped = true;
    live.forEach(ProcessRunner::killTree);
  }

  /** How many children are running now. */
  public int running() {
    return live.size();
  }

  /** A started process. */
  public final class Running {
    private final AtomicReference<Process> process = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Future<ProcessResult> result;

    /** How it ended. Fails only when it could not be started (e.g. program missing). */
    public Future<ProcessResult> result() {
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

    private ProcessResult execute(
        List<String> command, Map<String, String> extraEnv, String stdin, Duration timeout)
        throws IOException, InterruptedException {
      if (cancelled.get() || stopped) {
        return new ProcessResult(-1, "", "", false, true);
      }
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      builder.environment().putAll(extraEnv);
      // Last, so a secret cannot come back through either map.
      ChildEnvironment.scrub(builder.environment());
      Process p = builder.start();
      live.add(p);
      try {
        return await(p, stdin, timeout);
      } finally {
        live.remove(p);
      }
    }

    private ProcessResult await(Process p, String stdin, Duration timeout)
        throws InterruptedException {
      process.set(p);
      if (cancelled.get() || stopped) {
        killTree(p);
      }
      CompletableFuture<BoundedFiles.Drained> out = drain(p.getInputStream());
      CompletableFuture<BoundedFiles.Drained> err = drain(p.getErrorStream());
      feed(p.getOutputStream(), stdin);
      boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        killTree(p);
        p.waitFor(5, TimeUnit.SECONDS);
      }
      boolean killed = cancelled.get() || stopped;
      int code = exited ? p.exitValue() : -1;
      BoundedFiles.Drained stdout = settle(out);
      return new ProcessResult(
          code, stdout.text(), settle(err).text(), !exited && !killed, killed, stdout.overflowed());
    }
  }

  private static BoundedFiles.Drained settle(CompletableFuture<BoundedFiles.Drained> stream) {
    // A detached grandchild can keep the pipe open after we killed the tree: don't wait for it
    // forever.
    return stream
        .completeOnTimeout(new BoundedFiles.Drained(new byte[0], false), 5, TimeUnit.SECONDS)
        .join();
  }

  private static void feed(OutputStream in, String text) {
    try (in) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // the process may exit without reading its input; that is its business
    }
  }

  private static CompletableFuture<BoundedFiles.Drained> drain(InputStream stream) {
    // Own threads rather than the worker pool: the pool thread is blocked in waitFor meanwhile.
    return CompletableFuture.supplyAsync(
        () -> BoundedFiles.drain(stream, OUTPUT_LIMIT),
        runnable -> {
          Thread thread = new Thread(runnable, "rolekeeper-process-pipe");
          thread.setDaemon(true);
          thread.start();
        });
  }

  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }
}

package dev.rolekeeper.cli;

import dev.rolekeeper.config.SettingsException;
import dev.rolekeeper.daemon.AlreadyRunningException;
import dev.rolekeeper.http.PortTakenException;
import dev.rolekeeper.install.ServiceInstaller;
import dev.rolekeeper.os.UnsafePathException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a daemon in the foreground until the process is told to stop (SIGTERM, SIGINT), then stops
 * it within {@link #STOP_WITHIN} and exits. Shared by {@code run} and {@code demo}.
 */
final class Foreground {

  private static final Logger LOG = LoggerFactory.getLogger(Foreground.class);
  static final long STOP_WITHIN_SECONDS = 5;
  static final String STOP_WITHIN = STOP_WITHIN_SECONDS + " s";

  /**
   * EX_CONFIG from sysexits.h: the settings are wrong, or the state directory they lead to is not
   * safe to use.
   */
  static final int EXIT_CONFIG = 78;

  private Foreground() {}

  /** Holds the main thread until shutdown; {@code stop} must undo everything {@code start} did. */
  static void serveUntilStopped(Vertx vertx, Supplier<Future<?>> stop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WITHIN_SECONDS);
                  try {
                    awaitUntil(stop.get(), deadline);
                    // Closed from this plain thread, not chained on the stop future: a listener on
                    // an event-loop context
                    // would be dispatched to a loop that vertx.close() is shutting down, and never
                    // run.
                    awaitUntil(vertx.close(), deadline);
                    LOG.info("stopped");
                  } catch (Exception e) {
                    LOG.warn("did not stop cleanly within {}: {}", STOP_WITHIN, e.toString());
                  } finally {
                    stopped.countDown();
                  }
                },
                "rolekeeper-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitUntil(Future<?> future, long deadlineNanos) throws Exception {
    long left = Math.max(1, deadlineNanos - System.nanoTime());
    future.toCompletionStage().toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
  }

  /**
   * The exit status and the one line to print for a start-up failure, whatever was thrown: a stack
   * trace only at debug level (a file that is wrong is named by the message).
   */
  static int reportStartFailure(Throwable failure, java.io.PrintWriter err) {
    LOG.debug("start-up failed", failure);
    Throwable cause = failure;
    while (cause.getCause() != null
        && cause.getCause() != cause
        && !(cause instanceof AlreadyRunningException)
        && !(cause instanceof SettingsException)
        && !(cause instanceof UnsafePathException)
        && !(cause instanceof PortTakenException)) {
      cause = cause.getCause();
    }
    if (cause instanceof AlreadyRunningException running) {
      err.println(running.getMessage() + "; " + ServiceInstaller.stopAdvice(running.pid()));
      return AlreadyRunningException.EXIT_STATUS;
    }
    if (cause instanceof SettingsException settings) {
      err.println("rolekeeper: " + settings.getMessage());
      return EXIT_CONFIG;
    }
    if (cause instanceof UnsafePathException unsafe) {
      // The state directory (a setting, or its default) is not safe to use: fixed like a setting.
      err.println("rolekeeper: " + unsafe.getMessage());
      return EXIT_CONFIG;
    }
    if (cause instanceof PortTakenException taken) {
      err.println("rolekeeper: could not start: " + taken.getMessage());
      return PortTakenException.EXIT_STATUS;
    }
    err.println("rolekeeper: could not start: " + describe(cause));
    err.flush();
    return 1;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    if (cause instanceof Error || message == null || message.isBlank()) {
      // Not something a setting or a file can explain: say what it was, on one line.
      return cause.getClass().getSimpleName()
          + (message == null || message.isBlank() ? "" : " (" + oneLine(message) + ")")
          + "; logLevel: debug shows where";
    }
    return oneLine(message);
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}

package dev.rolekeeper.cli;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A daemon's start-up, bounded and total, shared by {@code run} and {@code demo}. Whatever goes
 * wrong (an exception or an {@link Error} such as {@link StackOverflowError}, thrown on the calling
 * thread, failing the start's future, or thrown on a Vert.x thread so the future never completes,
 * or nothing at all within {@link #START_WITHIN}) ends as a {@link Failed} outcome: Vert.x closed
 * within {@link #CLOSE_WITHIN}, one line on {@code err}, and the exit status the caller must return
 * so that {@code main} exits with it. Vert.x's threads are not daemon threads: a start-up that left
 * them running would leave a process that looks alive and serves nothing.
 */
final class StartUp {

  /** Far beyond a normal start (a second or two), which never waits on a person or the network. */
  static final Duration START_WITHIN = Duration.ofMinutes(2);

  static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

  /** How a start-up ended. */
  sealed interface Outcome<T> {}

  /** Started: {@code value} is what the start produced. */
  record Started<T>(T value) implements Outcome<T> {}

  /** Failed and reported; Vert.x is closed (or given up on); exit with {@code status}. */
  record Failed<T>(int status) implements Outcome<T> {}

  private StartUp() {}

  /** {@link #run(Vertx, Supplier, PrintWriter, Duration)} within {@link #START_WITHIN}. */
  static <T> Outcome<T> run(Vertx vertx, Supplier<Future<T>> start, PrintWriter err) {
    return run(vertx, start, err, START_WITHIN);
  }

  /**
   * Runs {@code start} and waits for it, at most {@code within}. Call from a plain thread (the main
   * thread), never from a Vert.x one.
   */
  static <T> Outcome<T> run(
      Vertx vertx, Supplier<Future<T>> start, PrintWriter err, Duration within) {
    Promise<T> outcome = Promise.promise();
    // An uncaught throwable on any Vert.x context during start-up: the start will not finish.
    vertx.exceptionHandler(outcome::tryFail);
    try {
      start.get().onComplete(outcome::tryComplete, outcome::tryFail);
    } catch (Throwable thrown) {
      outcome.tryFail(thrown);
    }
    Throwable failure;
    try {
      T value =
          outcome
              .future()
              .toCompletionStage()
              .toCompletableFuture()
              .get(within.toMillis(), TimeUnit.MILLISECONDS);
      vertx.exceptionHandler(null);
      return new Started<>(value);
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (TimeoutException e) {
      failure = new TimeoutException("start-up did not finish within " + within.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    } catch (Throwable e) {
      failure = e;
    }
    close(vertx);
    return new Failed<>(Foreground.reportStartFailure(failure, err));
  }

  /** Closes Vert.x, waiting at most {@link #CLOSE_WITHIN}: the process exits next either way. */
  static void close(Vertx vertx) {
    try {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(CLOSE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Exiting anyway: a Vert.x that will not close must not keep the process alive.
    }
  }
}

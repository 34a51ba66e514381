package dev.rolekeeper.session;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition on Vert.x timers until it holds or a deadline passes: waiting on an outcome,
 * not a sleep.
 */
public final class Eventually {

  private Eventually() {}

  public static Future<Void> until(Vertx vertx, BooleanSupplier condition, Duration timeout) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    poll(vertx, condition, deadline, done);
    return done.future();
  }

  private static void poll(
      Vertx vertx, BooleanSupplier condition, long deadline, Promise<Void> done) {
    if (condition.getAsBoolean()) {
      done.complete();
    } else if (System.nanoTime() > deadline) {
      done.fail(new AssertionError("condition not met in time"));
    } else {
      vertx.setTimer(20, id -> poll(vertx, condition, deadline, done));
    }
  }

  /**
   * Like {@link #until}, for a condition that is itself answered later (e.g. state read on another
   * context): each poll waits for the previous answer before the next timer.
   */
  public static Future<Void> untilAnswered(
      Vertx vertx, Supplier<Future<Boolean>> condition, Duration timeout) {
    Promise<Void> done = Promise.promise();
    pollAnswered(vertx, condition, System.nanoTime() + timeout.toNanos(), done);
    return done.future();
  }

  private static void pollAnswered(
      Vertx vertx, Supplier<Future<Boolean>> condition, long deadline, Promise<Void> done) {
    condition
        .get()
        .onComplete(
            answer -> {
              if (answer.succeeded() && Boolean.TRUE.equals(answer.result())) {
                done.complete();
              } else if (System.nanoTime() > deadline) {
                done.fail(new AssertionError("condition not met in time"));
              } else {
                vertx.setTimer(20, id -> pollAnswered(vertx, condition, deadline, done));
              }
            });
  }
}

package dev.rolekeeper.session;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;

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
}

package dev.rolekeeper.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition on Vert.x timers until it holds or a deadline passes: waiting on an outcome, not a sleep. */
final class Eventually {

  private Eventually() {}

  static Future<Void> until(Vertx vertx, BooleanSupplier condition, Duration timeout) {
    Promise<Void> done = Promise.promise();
    poll(vertx, condition, System.nanoTime() + timeout.toNanos(), done);
    return done.future();
  }

  /** Until the daemon has an MFA prompt waiting. */
  static Future<Void> untilPending(Vertx vertx, RunningDaemon running) {
    return until(vertx, () -> !running.daemon.mfa().prompts().pending().isEmpty(), Duration.ofSeconds(10));
  }

  private static void poll(Vertx vertx, BooleanSupplier condition, long deadline, Promise<Void> done) {
    if (condition.getAsBoolean()) {
      done.complete();
    } else if (System.nanoTime() > deadline) {
      done.fail(new AssertionError("condition not met in time"));
    } else {
      vertx.setTimer(20, id -> poll(vertx, condition, deadline, done));
    }
  }
}

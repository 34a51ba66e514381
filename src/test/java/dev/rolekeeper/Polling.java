package dev.rolekeeper;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting, boundedly, for something a test cannot be told about directly (a log line, a file, a
 * child's answer): {@code condition} is evaluated on a worker, so it may block, and re-armed from a
 * Vert.x timer, never a sleeping loop; it fails with an {@link AssertionError} after {@code
 * within}.
 */
public final class Polling {

  private static final long EVERY_MILLIS = 50;

  private Polling() {}

  /** Returns once {@code condition} is true; throws when {@code within} passed first. */
  public static void until(Vertx vertx, BooleanSupplier condition, Duration within)
      throws Exception {
    Promise<Void> done = Promise.promise();
    poll(vertx, condition, System.nanoTime() + within.toNanos(), within, done);
    done.future()
        .toCompletionStage()
        .toCompletableFuture()
        .get(within.toMillis() + 10_000, TimeUnit.MILLISECONDS);
  }

  private static void poll(
      Vertx vertx, BooleanSupplier condition, long deadline, Duration within, Promise<Void> done) {
    vertx
        .executeBlocking(condition::getAsBoolean, false)
        .onComplete(
            result -> {
              if (result.succeeded() && result.result()) {
                done.complete();
              } else if (System.nanoTime() > deadline) {
                done.fail(new AssertionError("condition not met within " + within));
              } else {
                vertx.setTimer(EVERY_MILLIS, id -> poll(vertx, condition, deadline, within, done));
              }
            });
  }
}

package dev.rolekeeper.os;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads a file-backed value until it holds still. A writer that truncates and then writes (an
 * editor saving in place, {@code Files.writeString}, a shell redirection) can be caught between the
 * two by any scan, and a half-written file would be taken for the user's intent: every profile
 * gone, every setting back to its default. So a value that differs from the one in force is read
 * again after a settle period until two reads in a row agree.
 */
public final class SteadyRead {

  /** A file rewritten without pause for this many reads is taken as it is at the last one. */
  private static final int MAX_READS = 10;

  private SteadyRead() {}

  /**
   * Reads once; when that differs from {@code inForce}, reads again every {@code settle} until a
   * read equals the one before it. Fails as soon as a read fails.
   */
  public static <T> Future<T> of(
      Vertx vertx, Duration settle, T inForce, Supplier<Future<T>> read) {
    return read.get()
        .compose(
            first ->
                Objects.equals(first, inForce)
                    ? Future.succeededFuture(first)
                    : untilTwoAgree(vertx, settle, first, read, 1));
  }

  private static <T> Future<T> untilTwoAgree(
      Vertx vertx, Duration settle, T before, Supplier<Future<T>> read, int reads) {
    if (reads >= MAX_READS) {
      return Future.succeededFuture(before);
    }
    Promise<Void> later = Promise.promise();
    vertx.setTimer(Math.max(1, settle.toMillis()), id -> later.complete());
    return later
        .future()
        .compose(v -> read.get())
        .compose(
            now ->
                Objects.equals(now, before)
                    ? Future.succeededFuture(now)
                    : untilTwoAgree(vertx, settle, now, read, reads + 1));
  }
}

package dev.rolekeeper.os;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Runs a caller's look for changes in some files when the kernel reports an edit ({@link
 * FileWatch}), a moment after the last report so a write in progress has finished, and otherwise on
 * a timer: every {@link Periods#unwatched} while some file cannot be watched (its directory does
 * not exist yet), and every {@link Periods#watched} as a safety net while all are (a network file
 * system may not report edits made elsewhere). So a daemon whose files sit still sleeps.
 *
 * <p>Scans run one at a time on the context that started this, never overlapping; a report during a
 * scan gets a scan after it.
 */
public final class ChangeScan {

  /**
   * @param unwatched time between scans while some file's edits are not reported
   * @param watched time between scans while every file's edits are reported
   * @param settle how long after the last report a scan starts
   */
  public record Periods(Duration unwatched, Duration watched, Duration settle) {}

  private final Vertx vertx;
  private final Context context;
  private final Periods periods;
  private final Supplier<Future<?>> scan;
  private final FileWatch watch;
  private long timerId = -1;
  private boolean scanning;
  private boolean reportedDuringScan;
  private boolean settling;
  private volatile boolean stopped;

  private ChangeScan(
      Vertx vertx,
      Context context,
      Collection<Path> files,
      Periods periods,
      Supplier<Future<?>> scan) {
    this.vertx = vertx;
    this.context = context;
    this.periods = periods;
    this.scan = scan;
    this.watch = FileWatch.of(files, this::onReport);
  }

  private void onReport() {
    try {
      context.runOnContext(v -> reported());
    } catch (RejectedExecutionException e) {
      // Vert.x was closed without stopping this first: nobody is left to scan.
      watch.close();
    }
  }

  /**
   * Starts watching {@code files} and scans once the watch is in place (so an edit made before is
   * seen too). Scans run on {@code context}.
   *
   * @param scan looks for changes and acts on them; its future completes when it is done
   */
  public static ChangeScan start(
      Vertx vertx,
      Context context,
      Collection<Path> files,
      Periods periods,
      Supplier<Future<?>> scan) {
    ChangeScan changes = new ChangeScan(vertx, context, files, periods, scan);
    // One scan once the watch is in place, for an edit made before it was.
    context.runOnContext(
        v ->
            vertx
                .executeBlocking(changes.watch::refresh, false)
                .onComplete(r -> changes.runScan()));
    return changes;
  }

  /** Stops watching and scanning; a scan already running finishes. Any thread. */
  public void stop() {
    stopped = true;
    watch.close();
    try {
      context.runOnContext(v -> vertx.cancelTimer(timerId));
    } catch (RejectedExecutionException e) {
      // Vert.x is closed already, and its timers with it.
    }
  }

  private void reported() {
    if (stopped) {
      return;
    }
    if (scanning) {
      reportedDuringScan = true;
      return;
    }
    settle();
  }

  private void settle() {
    settling = true;
    schedule(periods.settle());
  }

  private void runScan() {
    if (stopped) {
      return;
    }
    settling = false;
    scanning = true;
    reportedDuringScan = false;
    Future<?> done;
    try {
      done = scan.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(
        result -> {
          scanning = false;
          if (reportedDuringScan) {
            settle();
          } else {
            rewatch();
          }
        });
  }

  /** Registers the directories again (one may have appeared) and sets the next timed scan. */
  private void rewatch() {
    vertx
        .executeBlocking(watch::refresh, false)
        .onComplete(
            covered -> {
              boolean all = covered.succeeded() && covered.result();
              if (!scanning && !settling) {
                schedule(all ? periods.watched() : periods.unwatched());
              }
            });
  }

  private void schedule(Duration delay) {
    if (stopped) {
      return;
    }
    vertx.cancelTimer(timerId);
    timerId = vertx.setTimer(Math.max(1, delay.toMillis()), id -> runScan());
  }
}

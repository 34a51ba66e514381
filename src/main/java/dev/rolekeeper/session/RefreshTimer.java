package dev.rolekeeper.session;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One session's refresh timer: fires once the clock reaches the armed instant. Confined to the
 * session manager's context, like the session that owns it.
 */
final class RefreshTimer {

  /**
   * Timers never sleep longer than this, so a laptop waking up (or a clock jump) is noticed
   * promptly. The checks fall on the clock's multiples of this period, so the timers of all
   * sessions wake the daemon together, once per period, rather than each at its own moment.
   */
  private static final long WALL_CLOCK_CHECK_MILLIS = Duration.ofSeconds(15).toMillis();

  private final Vertx vertx;
  private final Clock clock;
  private final Runnable due;
  private long timerId = -1;

  RefreshTimer(Vertx vertx, Clock clock, Runnable due) {
    this.vertx = vertx;
    this.clock = clock;
    this.due = due;
  }

  /** Replaces any armed instant with {@code at}. */
  void arm(Instant at) {
    cancel();
    Instant now = clock.instant();
    long untilCheck =
        WALL_CLOCK_CHECK_MILLIS - Math.floorMod(now.toEpochMilli(), WALL_CLOCK_CHECK_MILLIS);
    long millis = Math.max(1, Math.min(Duration.between(now, at).toMillis(), untilCheck));
    timerId =
        vertx.setTimer(
            millis,
            id -> {
              timerId = -1;
              if (clock.instant().isBefore(at)) {
                arm(at);
              } else {
                due.run();
              }
            });
  }

  void cancel() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}

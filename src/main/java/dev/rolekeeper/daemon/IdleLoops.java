package dev.rolekeeper.daemon;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lets the daemon's Netty loops (the acceptor and the event loops) sleep while nothing happens.
 * Netty 4.2 gives a loop with no scheduled task a select timeout of one second (its "purge
 * interval"), so every idle loop woke once a second for nothing; a loop with a task scheduled far
 * ahead waits for that task, for I/O or for a Vert.x timer, whichever comes first. So each loop
 * keeps one empty task a day away, re-armed when it runs; Vert.x cancels it when it closes.
 */
final class IdleLoops {

  private static final long FAR_AHEAD_HOURS = 24;

  private IdleLoops() {}

  /** Puts a far-off task on every Netty loop of {@code vertx}. */
  static void letSleep(Vertx vertx) {
    VertxInternal internal = (VertxInternal) vertx;
    for (EventLoopGroup group :
        List.of(internal.acceptorEventLoopGroup(), internal.nettyEventLoopGroup())) {
      for (EventExecutor loop : group) {
        keepTaskAhead(loop);
      }
    }
  }

  private static void keepTaskAhead(EventExecutor loop) {
    if (!loop.isShuttingDown()) {
      loop.schedule(() -> keepTaskAhead(loop), FAR_AHEAD_HOURS, TimeUnit.HOURS);
    }
  }
}

package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.os.ChangeScan;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fixed sizes and timings a daemon runs with (none of them is a setting), and the Vert.x they
 * make.
 */
public final class DaemonTuning {

  static final Duration CREDENTIAL_PROCESS_TIMEOUT = Duration.ofSeconds(30);
  static final Duration COLD_START_WAIT = Duration.ofMillis(1500);
  static final String DEFAULT_REGION = "us-east-1";

  /**
   * When the AWS files are compared with what the plans were made from: a moment after the kernel
   * reports an edit, every 5 s while their directory cannot be watched (it does not exist yet), and
   * every 5 minutes as a safety net otherwise. The settings file has its own watch, in the loader.
   */
  static final ChangeScan.Periods AWS_FILES_SCANS =
      new ChangeScan.Periods(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMillis(200));

  /**
   * Endpoint instances: one per core on the 2-core machines we size for; the event loops are shared
   * anyway.
   */
  public static final int ENDPOINT_INSTANCES =
      Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  /**
   * Blocking work is a few STS calls, file writes and prompt commands at a time; every idle thread
   * costs memory.
   */
  static final int WORKER_THREADS = 4;

  /**
   * How often Vert.x checks for an event loop or worker stuck longer than its limit (2 s on a loop,
   * 60 s on a worker). Every second by default, it was one of the few things still waking an idle
   * daemon; a stuck loop is still reported, only up to this much later.
   */
  static final Duration BLOCKED_THREAD_CHECK = Duration.ofSeconds(10);

  private static final String NETTY_JFR = "io.netty.jfr.enabled";
  private static final String NETTY_LEAK_DETECTION = "io.netty.leakDetection.level";
  private static final String VERTX_DNS_RESOLVER_OFF = "vertx.disableDnsResolver";
  private static final long FAR_AHEAD_HOURS = 24;

  private DaemonTuning() {}

  /** The daemon's default region: the setting, else {@link #DEFAULT_REGION}. */
  static String region(Settings settings) {
    return settings.served().region().orElse(DEFAULT_REGION);
  }

  /**
   * The Vert.x a daemon runs on: one event loop per endpoint instance and a small worker pool,
   * because an idle daemon's memory is mostly threads and classes, and its work is light; a
   * blocked-thread check every {@link #BLOCKED_THREAD_CHECK} rather than every second (tests keep
   * their own, stricter Vert.x); and Netty loops that sleep while idle.
   */
  public static Vertx newVertx() {
    withoutUnusedMachinery();
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(ENDPOINT_INSTANCES)
                .setWorkerPoolSize(WORKER_THREADS)
                .setInternalBlockingPoolSize(WORKER_THREADS)
                .setBlockedThreadCheckInterval(BLOCKED_THREAD_CHECK.toMillis())
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    letLoopsSleep(vertx);
    return vertx;
  }

  /**
   * Three things a running daemon never uses. Netty's pooled allocator emits Java Flight Recorder
   * events; the first buffer it hands out loads those event classes, and loading an event class
   * starts JFR's machinery (some 100 classes and bytecode generated on the spot): about a quarter
   * of a second on the event loop that answers the first request. Netty's buffer-leak detector
   * tracks a sample of all buffers, a developer's aid that cost serving some 20% of its requests
   * per second ({@code bench/serve}). And Vert.x's own DNS resolver (some 80 classes, loaded with
   * Vert.x): the daemon only listens on loopback, and its STS and SSO calls resolve names through
   * the SDK's HTTP client and the JDK, so Vert.x resolves at most its listen host, with the JDK's
   * resolver instead. Set before Netty and Vert.x are loaded; a value given with {@code -D} wins
   * (the tests' Vert.x instances keep the defaults).
   */
  private static void withoutUnusedMachinery() {
    Map.of(NETTY_JFR, "false", NETTY_LEAK_DETECTION, "disabled", VERTX_DNS_RESOLVER_OFF, "true")
        .forEach(
            (property, value) -> {
              if (System.getProperty(property) == null) {
                System.setProperty(property, value);
              }
            });
  }

  /**
   * Lets the Netty loops (the acceptor and the event loops) sleep while nothing happens. Netty 4.2
   * gives a loop with no scheduled task a select timeout of one second (its "purge interval"), so
   * every idle loop woke once a second for nothing; a loop with a task scheduled far ahead waits
   * for that task, for I/O or for a Vert.x timer, whichever comes first. So each loop keeps one
   * empty task a day away, re-armed when it runs; Vert.x cancels it when it closes.
   */
  static void letLoopsSleep(Vertx vertx) {
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

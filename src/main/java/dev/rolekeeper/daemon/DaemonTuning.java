package dev.rolekeeper.daemon;

import dev.rolekeeper.os.ChangeScan;
import java.time.Duration;

/** The fixed sizes and timings a daemon runs with; none of them is a setting. */
final class DaemonTuning {

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
  static final int ENDPOINT_INSTANCES =
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

  private DaemonTuning() {}
}

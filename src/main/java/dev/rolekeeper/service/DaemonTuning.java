package dev.rolekeeper.service;

import java.time.Duration;

/** The fixed sizes and timings a daemon runs with; none of them is a setting. */
final class DaemonTuning {

  static final Duration CREDENTIAL_PROCESS_TIMEOUT = Duration.ofSeconds(30);
  static final Duration COLD_START_WAIT = Duration.ofMillis(1500);
  static final String DEFAULT_REGION = "us-east-1";

  /**
   * How often the AWS files are checked for changes (the settings file has its own scan, in the
   * loader).
   */
  static final Duration AWS_FILES_SCAN_PERIOD = Duration.ofSeconds(5);

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

  private DaemonTuning() {}
}

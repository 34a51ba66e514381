package dev.rolekeeper.credfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per sync target, when it was last written and the last error, for {@code rolekeeper
 * status}. Thread-safe: outcomes arrive from worker threads, status is read from the event loop.
 */
public final class SyncTracker {

  private final SyncSettings settings;
  private final Map<SyncTarget, SyncStatus> statuses = new ConcurrentHashMap<>();

  public SyncTracker(SyncSettings settings) {
    this.settings = settings;
  }

  /**
   * Records the outcome of writing {@code target}: a success sets the time and clears the error.
   */
  public void record(SyncTarget target, WriteOutcome outcome) {
    statuses.compute(
        target,
        (t, old) -> {
          SyncStatus previous = old != null ? old : initial(t);
          if (outcome instanceof WriteOutcome.Written written) {
            return new SyncStatus(t, written.file(), written.at(), null);
          }
          String reason =
              outcome instanceof WriteOutcome.Refused r
                  ? r.reason()
                  : ((WriteOutcome.Failed) outcome).reason();
          return new SyncStatus(t, previous.file(), previous.lastWritten(), reason);
        });
  }

  /** One line per configured target, in settings order; never-written targets have no time. */
  public List<SyncStatus> status() {
    return settings.targets().stream().map(t -> statuses.getOrDefault(t, initial(t))).toList();
  }

  private SyncStatus initial(SyncTarget target) {
    Path file = settings.file().configured();
    return new SyncStatus(target, file, null, null);
  }
}

package dev.rolekeeper.credfile;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's side of credentials-file sync: after each refresh of a profile, writes that
 * profile's sections; on shutdown, removes them if the settings say so; answers {@code status}.
 *
 * <p>File work runs on one named worker thread ({@value #POOL}), so writes happen one at a time in
 * the order they were asked for and never on an event loop. The returned futures always succeed: a
 * refused or failed write is a {@link WriteOutcome}, logged (without secrets) and kept for {@link
 * #status()}, not an error the caller must handle; the next refresh tries again.
 */
public final class CredentialsSync {

  static final String POOL = "rolekeeper-credfile";

  private static final Logger LOG = LoggerFactory.getLogger(CredentialsSync.class);

  private final SyncSettings settings;
  private final SyncWriter writer;
  // Per target, when it was last written and the last error: outcomes arrive from the worker
  // thread, status is read from the event loop.
  private final Map<SyncTarget, SyncStatus> statuses = new ConcurrentHashMap<>();
  private final WorkerExecutor worker;

  public CredentialsSync(Vertx vertx, SyncSettings settings) {
    this(vertx, settings, new SyncWriter(settings.file()));
  }

  CredentialsSync(Vertx vertx, SyncSettings settings, SyncWriter writer) {
    this.settings = settings;
    this.writer = writer;
    this.worker = vertx.createSharedWorkerExecutor(POOL, 1);
  }

  /**
   * Writes every section fed by {@code profile} (none if it is not synced); completes with their
   * outcomes.
   */
  public Future<List<WriteOutcome>> sessionRefreshed(String profile, AwsCredentials credentials) {
    return forEach(
        settings.targetsOf(profile), target -> writer.write(target.section(), credentials));
  }

  /**
   * Removes the sections fed by {@code profile}: it is no longer served, so they would only go
   * stale.
   */
  public Future<List<WriteOutcome>> profileDropped(String profile) {
    return forEach(settings.targetsOf(profile), target -> writer.remove(target.section()));
  }

  /** Removes every section if {@code removeOnShutdown} is set, then releases the worker thread. */
  public Future<List<WriteOutcome>> shutdown() {
    List<SyncTarget> targets = settings.removeOnShutdown() ? settings.targets() : List.of();
    return forEach(targets, target -> writer.remove(target.section()))
        .compose(outcomes -> worker.close().map(outcomes));
  }

  /**
   * One secret-free line per sync target, in settings order: last written (none for a target not
   * written yet), last error.
   */
  public List<SyncStatus> status() {
    return settings.targets().stream().map(t -> statuses.getOrDefault(t, initial(t))).toList();
  }

  /**
   * Records the outcome of writing {@code target}: a success sets the time and clears the error.
   */
  void record(SyncTarget target, WriteOutcome outcome) {
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

  private SyncStatus initial(SyncTarget target) {
    return new SyncStatus(target, settings.file().configured(), null, null);
  }

  /** {@link #status()} as the {@code sync} array of {@code GET /control/status}. */
  public JsonArray statusJson() {
    return new JsonArray(
        status().stream()
            .map(
                s ->
                    new JsonObject()
                        .put("profile", s.target().profile())
                        .put("section", s.target().section())
                        .put("file", s.file().toString())
                        .put(
                            "lastWritten",
                            s.lastWritten() == null ? null : s.lastWritten().toString())
                        .put("lastError", s.lastError()))
            .toList());
  }

  private Future<List<WriteOutcome>> forEach(
      List<SyncTarget> targets, Function<SyncTarget, WriteOutcome> action) {
    List<Future<WriteOutcome>> writes =
        targets.stream()
            .map(
                target ->
                    worker
                        .executeBlocking(() -> action.apply(target))
                        .map(outcome -> recorded(target, outcome)))
            .toList();
    return Future.all(writes).map(done -> writes.stream().map(Future::result).toList());
  }

  private WriteOutcome recorded(SyncTarget target, WriteOutcome outcome) {
    record(target, outcome);
    if (outcome instanceof WriteOutcome.Written written) {
      LOG.debug(
          "Section [{}] of {} updated for profile {}",
          target.section(),
          written.file(),
          target.profile());
    } else {
      LOG.warn(
          "Section [{}] for profile {} not updated: {}",
          target.section(),
          target.profile(),
          outcome);
    }
    return outcome;
  }
}

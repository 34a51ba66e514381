package dev.rolekeeper.config;

import dev.rolekeeper.os.SteadyRead;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads settings when the user's file changes. The stores are read again whenever the file may
 * have changed (see {@link SettingsLoader}); a changed tree that is valid and that differs from the
 * current settings becomes current and is handed to the listener, an invalid one (bad YAML, unknown
 * key, bad value, the {@code --config} file gone) is logged as one error line and the previous
 * settings stay. A deleted optional file means the defaults. A changed file is judged once it holds
 * still ({@link SteadyRead}): one caught half-written is never applied.
 *
 * <p>The listener runs on the event loop of the context that created the loader. {@link #current()}
 * may be read from any thread.
 */
public final class SettingsWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SettingsWatcher.class);

  private final SettingsLoader loader;
  private final Handler<Settings> listener;
  private final Handler<String> problems;
  private volatile Settings current;
  private JsonObject lastTree; // on the watching context
  private volatile Handler<JsonObject> judged = tree -> {};

  private SettingsWatcher(
      SettingsLoader loader,
      Settings initial,
      Handler<Settings> listener,
      Handler<String> problems) {
    this.loader = loader;
    this.current = initial;
    this.listener = listener;
    this.problems = problems;
  }

  /**
   * Starts watching. The loader must have been created with a positive scan period.
   *
   * @param initial the settings in force, as returned by {@link SettingsLoader#load()}
   * @param listener called with each new valid settings
   */
  public static SettingsWatcher start(
      SettingsLoader loader, Settings initial, Handler<Settings> listener) {
    return start(loader, initial, listener, problem -> {});
  }

  /**
   * Like {@link #start(SettingsLoader, Settings, Handler)}, and {@code problems} is told of each
   * changed file as it is judged, before {@code listener}: the one-line reason it was refused, or
   * null when it was read without error.
   */
  public static SettingsWatcher start(
      SettingsLoader loader,
      Settings initial,
      Handler<Settings> listener,
      Handler<String> problems) {
    SettingsWatcher watcher = new SettingsWatcher(loader, initial, listener, problems);
    watcher.lastTree = loader.retriever().getCachedConfig();
    loader.watch(watcher::reread);
    return watcher;
  }

  /** The settings in force. */
  public Settings current() {
    return current;
  }

  private Future<?> reread() {
    return SteadyRead.of(loader.vertx(), loader.settle(), lastTree, loader.retriever()::getConfig)
        .onSuccess(this::onChange)
        .onFailure(e -> refuse(String.valueOf(e.getMessage())));
  }

  private void refuse(String reason) {
    LOG.error("Settings not reloaded, keeping the previous ones: {}", reason);
    problems.handle(reason);
  }

  private void onChange(JsonObject merged) {
    // An unchanged tree (a touch, an edit undone, a file still broken) is no news.
    if (merged.equals(lastTree)) {
      return;
    }
    lastTree = merged;
    apply(merged);
    judged.handle(merged);
  }

  private void apply(JsonObject merged) {
    Settings next;
    try {
      next = loader.toSettings(merged);
    } catch (SettingsException e) {
      refuse(e.getMessage());
      return;
    } catch (RuntimeException | StackOverflowError e) {
      // Not a message written for people, but the previous settings stay all the same.
      refuse(loader.userFileLabel() + ": " + e);
      return;
    }
    problems.handle(null);
    if (next.equals(current)) {
      return;
    }
    current = next;
    LOG.info("Settings reloaded from {}", loader.userFileLabel());
    listener.handle(next);
  }

  /** For tests: {@code handler} sees each changed tree once it has been applied or refused. */
  void afterEachChange(Handler<JsonObject> handler) {
    judged = handler;
  }
}

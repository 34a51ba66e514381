package dev.rolekeeper.config;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads settings when the user's file changes. vertx-config re-reads the stores every scan period
 * of the {@link SettingsLoader} and reports a changed tree; a valid one that differs from the
 * current settings becomes current and is handed to the listener, an invalid one (bad YAML, unknown
 * key, bad value, the {@code --config} file gone) is logged as one error line and the previous
 * settings stay. A deleted optional file means the defaults.
 *
 * <p>The listener runs on the event loop of the context that created the loader. {@link #current()}
 * may be read from any thread.
 */
public final class SettingsWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SettingsWatcher.class);

  private final SettingsLoader loader;
  private final Handler<Settings> listener;
  private volatile Settings current;

  private SettingsWatcher(SettingsLoader loader, Settings initial, Handler<Settings> listener) {
    this.loader = loader;
    this.current = initial;
    this.listener = listener;
  }

  /**
   * Starts watching. The loader must have been created with a positive scan period.
   *
   * @param initial the settings in force, as returned by {@link SettingsLoader#load()}
   * @param listener called with each new valid settings
   */
  public static SettingsWatcher start(
      SettingsLoader loader, Settings initial, Handler<Settings> listener) {
    SettingsWatcher watcher = new SettingsWatcher(loader, initial, listener);
    loader.retriever().listen(change -> watcher.onChange(change.getNewConfiguration()));
    return watcher;
  }

  /** The settings in force. */
  public Settings current() {
    return current;
  }

  private void onChange(JsonObject merged) {
    Settings next;
    try {
      next = loader.toSettings(merged);
    } catch (SettingsException e) {
      LOG.error("Settings not reloaded, keeping the previous ones: {}", e.getMessage());
      return;
    }
    if (next.equals(current)) {
      return;
    }
    current = next;
    LOG.info("Settings reloaded from {}", loader.userFileLabel());
    listener.handle(next);
  }
}

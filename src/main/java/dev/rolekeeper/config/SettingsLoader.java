package dev.rolekeeper.config;

import dev.rolekeeper.os.ChangeScan;
import dev.rolekeeper.paths.UserPaths;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Owns the one {@link ConfigRetriever} of the daemon's settings. Its stores, later ones winning key
 * by key:
 *
 * <ol>
 *   <li>the built-in defaults ({@link Defaults}: the values {@value #DEFAULTS_RESOURCE} documents);
 *   <li>the user's YAML file: {@code --config PATH} (must exist), else {@code
 *       $XDG_CONFIG_HOME/rolekeeper/config.yaml} (optional), through {@link UserFileStore};
 *   <li>the {@code ROLEKEEPER_*} environment variables ({@link EnvLayer}).
 * </ol>
 *
 * {@link #load()} turns the merged tree into {@link Settings} or fails with one {@link
 * SettingsException} line naming the file or variable and the key. With a positive scan period,
 * {@link SettingsWatcher} re-reads the stores when the user's file may have changed (kernel file
 * notifications, or scans that often while its directory does not exist) and turns changes into new
 * settings. The environment is read once, when the loader is created: a process's environment does
 * not change.
 */
public final class SettingsLoader {

  /**
   * The file that documents the built-in defaults, in the repository and inside the jar. It is not
   * read at run time: {@link Defaults} holds the same values, so that no start without a settings
   * file of its own loads a YAML parser.
   */
  public static final String DEFAULTS_RESOURCE = "config/rolekeeper.yaml";

  /**
   * How often a watching daemon re-reads its settings file while the file's directory cannot be
   * watched for edits.
   */
  public static final Duration DEFAULT_SCAN_PERIOD = Duration.ofSeconds(5);

  /** A safety net for file systems that do not report edits made elsewhere (network mounts). */
  private static final Duration WATCHED_SCAN_PERIOD = Duration.ofMinutes(5);

  /** How long after an edit is reported the file is read, so a write in progress has finished. */
  private static final Duration SETTLE = Duration.ofMillis(200);

  private final Vertx vertx;
  private final ConfigRetriever retriever;
  private final Sources sources;
  private final Path userFile;
  private final String userFileLabel;
  private final Duration scanPeriod;
  private volatile ChangeScan watching;

  private SettingsLoader(
      Vertx vertx,
      ConfigRetriever retriever,
      Sources sources,
      UserPaths.SettingsFile userFile,
      String userFileLabel,
      Duration scanPeriod) {
    this.vertx = vertx;
    this.retriever = retriever;
    this.sources = sources;
    this.userFile = userFile.path();
    this.userFileLabel = userFileLabel;
    this.scanPeriod = scanPeriod;
  }

  /**
   * Builds the loader. Fails with a {@link SettingsException} for an unknown or malformed {@code
   * ROLEKEEPER_*} variable.
   *
   * @param configFile {@code --config PATH}, if given
   * @param env the environment, normally {@code System.getenv()}
   * @param scanPeriod how often a {@link SettingsWatcher} re-reads the stores while the user's file
   *     cannot be watched for edits; zero for a one-shot load
   */
  public static Future<SettingsLoader> create(
      Vertx vertx, Optional<Path> configFile, Map<String, String> env, Duration scanPeriod) {
    EnvLayer envLayer;
    try {
      envLayer = EnvLayer.from(env);
    } catch (SettingsException e) {
      return Future.failedFuture(e);
    }
    UserPaths paths = UserPaths.of(env);
    UserPaths.SettingsFile userFile = paths.settingsFile(configFile);
    String label = paths.display(userFile.path());
    JsonObject defaults = Defaults.tree();
    ConfigRetrieverOptions options =
        new ConfigRetrieverOptions()
            .setIncludeDefaultStores(false)
            .setScanPeriod(-1)
            .addStore(new ConfigStoreOptions().setType("json").setConfig(defaults))
            .addStore(
                new ConfigStoreOptions()
                    .setType(UserFileStore.TYPE)
                    .setConfig(UserFileStore.config(userFile, label)))
            .addStore(new ConfigStoreOptions().setType("json").setConfig(envLayer.tree()));
    Sources sources = Sources.layered(defaults, envLayer.variableByKey(), label);
    return Future.succeededFuture(
        new SettingsLoader(
            vertx, ConfigRetriever.create(vertx, options), sources, userFile, label, scanPeriod));
  }

  /** Creates a loader without scanning, loads the settings once, and closes it. */
  public static Future<Settings> loadOnce(
      Vertx vertx, Optional<Path> configFile, Map<String, String> env) {
    return create(vertx, configFile, env, Duration.ZERO)
        .compose(loader -> loader.load().eventually(loader::close));
  }

  /** Reads every store and validates the result. */
  public Future<Settings> load() {
    return retriever.getConfig().map(this::toSettings);
  }

  /**
   * How errors and logs name the user's settings file, e.g. {@code
   * ~/.config/rolekeeper/config.yaml}.
   */
  public String userFileLabel() {
    return userFileLabel;
  }

  /** Stops watching. */
  public Future<Void> close() {
    ChangeScan scan = watching;
    if (scan != null) {
      scan.stop();
    }
    return retriever.close();
  }

  Vertx vertx() {
    return vertx;
  }

  /** How long after an edit is reported the file is read again. */
  Duration settle() {
    return SETTLE;
  }

  ConfigRetriever retriever() {
    return retriever;
  }

  /** Calls {@code scan} whenever the user's file may have changed, until {@link #close()}. */
  void watch(Supplier<Future<?>> scan) {
    if (scanPeriod.isZero()) {
      throw new IllegalStateException("a one-shot loader does not watch");
    }
    watching =
        ChangeScan.start(
            vertx,
            vertx.getOrCreateContext(),
            List.of(userFile),
            new ChangeScan.Periods(scanPeriod, WATCHED_SCAN_PERIOD, SETTLE),
            scan);
  }

  Settings toSettings(JsonObject merged) {
    UserFileStore.error(merged)
        .ifPresent(
            problem -> {
              throw new SettingsException(problem);
            });
    return SettingsParser.parse(merged, sources);
  }
}

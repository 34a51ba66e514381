package dev.rolekeeper.config;

import dev.rolekeeper.os.BoundedFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The daemon's state directory, found the way {@link SettingsLoader} would find it but reading only
 * the one setting: {@code ROLEKEEPER_STATEDIR}, else {@code stateDir} in the user's settings file,
 * else the XDG default. For the short-lived CLI commands, which need nothing else from the settings
 * and must not pay for vertx-config.
 */
public final class StateDirLookup {

  private final Map<String, String> env;
  private final Locations locations;

  /**
   * @param env the environment, normally {@code System.getenv()}
   */
  public StateDirLookup(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.locations = new Locations(env);
  }

  /**
   * The state directory.
   *
   * @param configFile {@code --config PATH}, if given (then it must exist, as for the daemon)
   * @throws SettingsException naming the file or variable when the setting cannot be read
   */
  public Path stateDir(Optional<Path> configFile) {
    Optional<String> setting = fromEnvironment();
    if (setting.isEmpty()) {
      setting = fromFile(locations.userFile(configFile));
    }
    setting
        .filter(path -> !path.startsWith("/") && !path.startsWith("~/"))
        .ifPresent(
            path -> {
              throw new SettingsException(
                  ConfigKeys.STATE_DIR
                      + ": '"
                      + path
                      + "' must be an absolute path or start with ~/");
            });
    return locations.stateDir(setting);
  }

  private Optional<String> fromEnvironment() {
    return env.entrySet().stream()
        .filter(
            e ->
                ConfigKeys.byEnvName(e.getKey())
                    .filter(k -> k.path().equals(ConfigKeys.STATE_DIR))
                    .isPresent())
        .map(e -> e.getValue().trim())
        .filter(value -> !value.isEmpty())
        .findFirst();
  }

  private Optional<String> fromFile(Locations.UserFile file) {
    String label = locations.display(file.path());
    String text;
    try {
      text = BoundedFiles.readString(file.path(), BoundedFiles.CONFIG_FILE_LIMIT);
    } catch (NoSuchFileException e) {
      if (file.required()) {
        throw new SettingsException(label + ": no such file");
      }
      return Optional.empty();
    } catch (BoundedFiles.InputTooLargeException e) {
      throw new SettingsException(
          label
              + ": larger than "
              + BoundedFiles.describe(e.limit())
              + ", the most rolekeeper reads of it");
    } catch (IOException e) {
      throw new SettingsException(
          label + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (EmptyYaml.is(text)) {
      return Optional.empty();
    }
    Object tree;
    try {
      tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw new SettingsException(label + ": cannot be read as YAML; `rolekeeper run` says where");
    }
    if (tree == null) {
      return Optional.empty();
    }
    if (!(tree instanceof Map<?, ?> settings)) {
      throw new SettingsException(
          label + ": not a YAML mapping of settings (key: value lines at the top level)");
    }
    Object value = settings.get(ConfigKeys.STATE_DIR);
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      throw new SettingsException(label + ": " + ConfigKeys.STATE_DIR + ": must be a single value");
    }
    return Optional.ofNullable(value).map(v -> v.toString().trim()).filter(v -> !v.isEmpty());
  }
}

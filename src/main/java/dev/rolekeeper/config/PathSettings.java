package dev.rolekeeper.config;

import dev.rolekeeper.os.BoundedFiles;
import dev.rolekeeper.paths.UserPaths;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The two settings that name paths, {@code stateDir} and {@code sync.file}, as written (hand them
 * to {@link UserPaths}), found the way {@link SettingsLoader} finds them but reading only these:
 * for the short-lived CLI commands and the installer, which need nothing else from the settings and
 * must not pay for vertx-config.
 *
 * @param stateDir {@code stateDir}; empty means the default
 * @param syncFile {@code sync.file}; empty means the AWS credentials file
 */
public record PathSettings(Optional<String> stateDir, Optional<String> syncFile) {

  /**
   * As the daemon reads them: the {@code ROLEKEEPER_*} variable of {@code paths}' environment, else
   * the settings file.
   *
   * @param configFile {@code --config PATH}, if given (then it must exist, as for the daemon)
   * @throws SettingsException naming the file or variable when a setting cannot be read
   */
  public static PathSettings read(UserPaths paths, Optional<Path> configFile) {
    PathSettings file = inFile(paths, configFile);
    return new PathSettings(
        fromEnvironment(paths.env(), ConfigKeys.STATE_DIR).or(file::stateDir),
        fromEnvironment(paths.env(), ConfigKeys.SYNC_FILE).or(file::syncFile));
  }

  /**
   * As written in the settings file alone: what an installed service reads, which does not inherit
   * the installing shell's {@code ROLEKEEPER_*} variables.
   */
  public static PathSettings inFile(UserPaths paths, Optional<Path> configFile) {
    UserPaths.SettingsFile file = paths.settingsFile(configFile);
    String label = paths.display(file.path());
    Optional<Map<?, ?>> tree = tree(file, label);
    return new PathSettings(
        tree.flatMap(t -> value(t, label, ConfigKeys.STATE_DIR)),
        tree.flatMap(t -> value(t, label, ConfigKeys.SYNC_FILE)));
  }

  private static Optional<String> fromEnvironment(Map<String, String> env, String key) {
    return checked(
        key,
        env.entrySet().stream()
            .filter(
                e -> ConfigKeys.byEnvName(e.getKey()).filter(k -> k.path().equals(key)).isPresent())
            .map(e -> e.getValue().trim())
            .filter(value -> !value.isEmpty())
            .findFirst());
  }

  private static Optional<String> value(Map<?, ?> tree, String label, String key) {
    Object value = tree;
    for (String part : key.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      throw new SettingsException(label + ": " + key + ": must be a single value");
    }
    return checked(
        key, Optional.ofNullable(value).map(v -> v.toString().trim()).filter(v -> !v.isEmpty()));
  }

  /** The rule {@link SettingsReader} applies to every path setting. */
  private static Optional<String> checked(String key, Optional<String> path) {
    path.filter(p -> !p.startsWith("/") && !p.startsWith("~/"))
        .ifPresent(
            p -> {
              throw new SettingsException(
                  key + ": '" + p + "' must be an absolute path or start with ~/");
            });
    return path;
  }

  private static Optional<Map<?, ?>> tree(UserPaths.SettingsFile file, String label) {
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
    return Optional.of(settings);
  }
}

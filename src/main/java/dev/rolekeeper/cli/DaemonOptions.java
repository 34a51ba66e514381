package dev.rolekeeper.cli;

import dev.rolekeeper.config.PathSettings;
import dev.rolekeeper.paths.UserPaths;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a CLI command finds the daemon it talks to: {@code --state-dir}, else the state directory the
 * settings name ({@code ROLEKEEPER_STATEDIR}, the {@code --config} file or the user's file), else
 * the default. Only that one setting is read: a client command starts no Vert.x and loads no
 * vertx-config.
 */
public final class DaemonOptions {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "The daemon's state directory (default: from the settings, ~/.local/state/rolekeeper).")
  Path stateDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The settings file (default: $XDG_CONFIG_HOME/rolekeeper/config.yaml).")
  Path config;

  /**
   * The state directory, from the option or the settings.
   *
   * @throws dev.rolekeeper.config.SettingsException when the settings that name it cannot be read
   */
  public Path stateDir() {
    return stateDir(System.getenv());
  }

  /**
   * The state directory, from the option or the settings read with {@code env} as the environment.
   */
  public Path stateDir(Map<String, String> env) {
    if (stateDir != null) {
      return stateDir.toAbsolutePath().normalize();
    }
    UserPaths paths = UserPaths.of(env);
    return paths.stateDir(PathSettings.read(paths, Optional.ofNullable(config)).stateDir());
  }

  public Optional<Path> configFile() {
    return Optional.ofNullable(config);
  }

  /**
   * The daemon of the state directory; a settings problem comes back as a {@link
   * DaemonClient.DaemonException}.
   */
  public HttpDaemonClient connect() {
    Path dir;
    try {
      dir = stateDir();
    } catch (dev.rolekeeper.config.SettingsException e) {
      throw new DaemonClient.DaemonException(0, e.getMessage());
    }
    return HttpDaemonClient.connect(dir);
  }
}

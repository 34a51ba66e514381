package dev.rolekeeper.cli;

import dev.rolekeeper.config.Locations;
import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsLoader;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a CLI command finds the daemon it talks to: {@code --state-dir}, else the state directory the settings name
 * ({@code --config}, the user's file, {@code ROLEKEEPER_*}).
 */
public final class DaemonOptions {

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "The daemon's state directory (default: from the settings, ~/.local/state/rolekeeper).")
  Path stateDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The settings file (default: $XDG_CONFIG_HOME/rolekeeper/config.yaml).")
  Path config;

  /** The state directory, from the option or the settings. */
  public Path stateDir() {
    return stateDir(System.getenv());
  }

  /** The state directory, from the option or the settings read with {@code env} as the environment. */
  public Path stateDir(Map<String, String> env) {
    if (stateDir != null) {
      return stateDir.toAbsolutePath().normalize();
    }
    return new Locations(env).stateDir(settings(env));
  }

  /** The settings as the daemon would read them (a settings error is thrown as it is: one clear line). */
  public Settings settings() {
    return settings(System.getenv());
  }

  /** The settings as the daemon would read them with {@code env} as its environment. */
  public Settings settings(Map<String, String> env) {
    Vertx vertx = Vertx.vertx();
    try {
      return SettingsLoader.loadOnce(vertx, Optional.ofNullable(config), Map.copyOf(env)).await();
    } finally {
      vertx.close();
    }
  }

  public Optional<Path> configFile() {
    return Optional.ofNullable(config);
  }

  public HttpDaemonClient connect() {
    return HttpDaemonClient.connect(stateDir());
  }
}

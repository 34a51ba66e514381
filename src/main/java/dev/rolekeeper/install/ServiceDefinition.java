package dev.rolekeeper.install;

import java.nio.file.Path;
import java.util.List;

/**
 * One platform's service file for one user: where it goes, what it says, and the shell commands
 * that start and stop it.
 */
public sealed interface ServiceDefinition permits SystemdUnit, LaunchdAgent {

  /** The file the service manager reads, e.g. {@code ~/.config/systemd/user/rolekeeper.service}. */
  Path target();

  /** The file's full text, with this user's real paths. */
  String render();

  /** The one shell command that loads and starts the installed file. */
  String enableCommand();

  /** The one shell command that stops the service once its file has been removed. */
  String stopCommand();

  /** Directories the running service needs, created (0700) on install. */
  List<Path> directoriesToCreate();

  /** Where the service's logs are, for people: a command or a directory. */
  String logs();

  /** Other files that point at the target (e.g. enablement symlinks), removed on uninstall. */
  List<Path> linksToRemove();

  /**
   * The definition for the context's platform.
   *
   * @throws UnsupportedOperationException on a system other than Linux or macOS
   */
  static ServiceDefinition forContext(ServiceContext context) {
    return switch (context.paths().os()) {
      case LINUX -> new SystemdUnit(context);
      case MACOS -> new LaunchdAgent(context);
      case OTHER ->
          throw new UnsupportedOperationException(
              "rolekeeper can install a service only on Linux (systemd) or macOS (launchd)");
    };
  }
}

package dev.rolekeeper.install;

import dev.rolekeeper.os.Os;

/** The operating systems rolekeeper can install itself on as a per-user background service. */
public enum Platform {
  /** A systemd user unit under {@code ~/.config/systemd/user}. */
  LINUX,
  /** A launchd agent under {@code ~/Library/LaunchAgents}. */
  MACOS;

  /**
   * Maps a {@code os.name} value to a platform.
   *
   * @throws UnsupportedOperationException naming the system when it is neither Linux nor macOS
   */
  public static Platform fromOsName(String osName) {
    return switch (Os.fromName(osName)) {
      case LINUX -> LINUX;
      case MACOS -> MACOS;
      case OTHER ->
          throw new UnsupportedOperationException(
              "rolekeeper can install a service only on Linux (systemd) or macOS (launchd), not on '"
                  + osName
                  + "'");
    };
  }

  /** The platform this JVM runs on. */
  public static Platform current() {
    return fromOsName(System.getProperty("os.name"));
  }
}

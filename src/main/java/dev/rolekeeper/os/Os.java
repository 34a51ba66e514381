package dev.rolekeeper.os;

import java.util.Locale;

/**
 * The operating system family, told from the JVM's {@code os.name}: the one place that reads it.
 */
public enum Os {
  LINUX,
  MACOS,
  /**
   * Anything else (Windows, the BSDs): rolekeeper runs there without the desktop and service
   * integrations.
   */
  OTHER;

  /** The family of an {@code os.name} value; {@code null} counts as {@link #OTHER}. */
  public static Os fromName(String osName) {
    String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    if (name.startsWith("linux")) {
      return LINUX;
    }
    if (name.startsWith("mac") || name.startsWith("darwin")) {
      return MACOS;
    }
    return OTHER;
  }

  /** The family this JVM runs on. */
  public static Os current() {
    return fromName(System.getProperty("os.name"));
  }
}

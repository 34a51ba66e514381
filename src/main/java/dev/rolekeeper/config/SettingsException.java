package dev.rolekeeper.config;

/**
 * The settings are unusable. The message is one line naming where the problem is (file or
 * environment variable), the key, and what is wrong, e.g. {@code ~/.config/rolekeeper/config.yaml:
 * listen.host: 10.0.0.1 is not a loopback address; rolekeeper listens on loopback only}. Settings
 * hold no secrets, so messages may quote values.
 */
public final class SettingsException extends RuntimeException {

  public SettingsException(String message) {
    super(message);
  }
}

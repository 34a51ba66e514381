package dev.rolekeeper.profiles;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the AWS shared config and credentials files live.
 *
 * <p>Follows the SDKs: {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE} win when set
 * and not blank (a leading {@code ~} or {@code ~/} is expanded to the home directory), otherwise
 * {@code $HOME/.aws/config} and {@code $HOME/.aws/credentials}. {@code HOME} falls back to the
 * JVM's {@code user.home}. Paths are absolute.
 *
 * @param configFile the shared config file ({@code ~/.aws/config}); it need not exist
 * @param credentialsFile the shared credentials file ({@code ~/.aws/credentials}); it need not
 *     exist
 */
public record AwsFileLocations(Path configFile, Path credentialsFile) {

  public AwsFileLocations {
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(credentialsFile, "credentialsFile");
  }

  /**
   * Locations as the AWS SDKs compute them from the given environment (normally {@code
   * System.getenv()}).
   */
  public static AwsFileLocations fromEnvironment(Map<String, String> env) {
    Path home = home(env);
    return new AwsFileLocations(
        locate(env.get("AWS_CONFIG_FILE"), home, "config"),
        locate(env.get("AWS_SHARED_CREDENTIALS_FILE"), home, "credentials"));
  }

  private static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home).toAbsolutePath();
  }

  private static Path locate(String override, Path home, String defaultName) {
    if (override == null || override.isBlank()) {
      return home.resolve(".aws").resolve(defaultName);
    }
    String value = override.strip();
    if (value.equals("~")) {
      return home;
    }
    if (value.startsWith("~/")) {
      return home.resolve(value.substring(2)).normalize();
    }
    return Path.of(value).toAbsolutePath().normalize();
  }
}

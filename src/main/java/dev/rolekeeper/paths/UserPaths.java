package dev.rolekeeper.paths;

import dev.rolekeeper.os.Os;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where this user's files are: the one place that turns the environment (and the path settings, as
 * written) into paths, in the spirit of the AWS SDK's {@code ProfileFileLocation}. Every part that
 * needs a location asks this, so the daemon, the CLI, {@code doctor} and the installer cannot
 * disagree. It reads only the environment map it is given, so tests never touch the real one.
 *
 * <p>The rules: the home directory is {@code HOME} when it is absolute, else the JVM's {@code
 * user.home}; an {@code XDG_*} directory counts only when absolute (the XDG base-directory rule);
 * {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE} win when not blank, with a
 * leading {@code ~} expanded, as the SDKs do; the state directory is XDG's on every platform, the
 * one the README documents, so {@code rolekeeper run}, the CLI and an installed service share it.
 *
 * @param os the platform (macOS keeps installed programs under {@code ~/Library})
 * @param home the user's home directory, absolute
 * @param env the environment, normally {@code System.getenv()}
 */
public record UserPaths(Os os, Path home, Map<String, String> env) {

  public UserPaths {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(home, "home");
    env = Map.copyOf(env);
  }

  /** This platform, with {@code env} as the environment. */
  public static UserPaths of(Map<String, String> env) {
    return of(Os.current(), env, System.getProperty("user.home"));
  }

  /** The paths for {@code os} and {@code env}, with {@code userHome} when HOME is not usable. */
  public static UserPaths of(Os os, Map<String, String> env, String userHome) {
    Path home =
        Optional.ofNullable(env.get("HOME"))
            .filter(h -> !h.isBlank())
            .map(Path::of)
            .filter(Path::isAbsolute)
            .orElseGet(() -> Path.of(userHome).toAbsolutePath());
    return new UserPaths(os, home, env);
  }

  /** This process: its platform, environment and home. */
  public static UserPaths current() {
    return of(System.getenv());
  }

  /** Leaves out the environment, which may hold secrets such as {@code AWS_SECRET_ACCESS_KEY}. */
  @Override
  public String toString() {
    return "UserPaths[os=" + os + ", home=" + home + "]";
  }

  /**
   * The AWS shared config and credentials files, as {@link #awsFiles()} finds them (or a test names
   * them); neither need exist.
   */
  public record AwsFiles(Path configFile, Path credentialsFile) {

    public AwsFiles {
      Objects.requireNonNull(configFile, "configFile");
      Objects.requireNonNull(credentialsFile, "credentialsFile");
    }
  }

  /** The settings file to read: {@code --config} (then it must exist), else the XDG one. */
  public record SettingsFile(Path path, boolean required) {}

  /** {@code --config PATH} if given, else {@code $XDG_CONFIG_HOME/rolekeeper/config.yaml}. */
  public SettingsFile settingsFile(Optional<Path> commandLine) {
    return commandLine
        .map(p -> new SettingsFile(p.toAbsolutePath().normalize(), true))
        .orElseGet(() -> new SettingsFile(configHome().resolve("rolekeeper/config.yaml"), false));
  }

  /**
   * The state directory for a {@code stateDir} setting as written ({@code ~/} allowed); without
   * one, {@code $XDG_STATE_HOME/rolekeeper}, else {@code ~/.local/state/rolekeeper}.
   */
  public Path stateDir(Optional<String> setting) {
    return setting.map(this::expand).orElseGet(() -> stateHome().resolve("rolekeeper"));
  }

  /** Where programs keep their state: {@code $XDG_STATE_HOME}, else {@code ~/.local/state}. */
  public Path stateHome() {
    return xdg("XDG_STATE_HOME", ".local/state");
  }

  /** The AWS shared config and credentials files, as the SDKs find them. */
  public AwsFiles awsFiles() {
    return new AwsFiles(
        aws("AWS_CONFIG_FILE", "config"), aws("AWS_SHARED_CREDENTIALS_FILE", "credentials"));
  }

  /**
   * The credentials file that sync writes: the {@code sync.file} setting as written, else the AWS
   * credentials file.
   */
  public Path syncFile(Optional<String> setting) {
    return setting.map(this::expand).orElseGet(() -> awsFiles().credentialsFile());
  }

  /** The AWS CLI's SSO token cache, {@code ~/.aws/sso/cache}, as the CLI and SDKs find it. */
  public Path ssoCache() {
    return home.resolve(".aws/sso/cache");
  }

  /**
   * The AWS CLI's console sign-in cache ({@code aws login}): {@code AWS_LOGIN_CACHE_DIRECTORY} when
   * set, else {@code ~/.aws/login/cache}, as the CLI and SDKs find it.
   */
  public Path loginCache() {
    return aws("AWS_LOGIN_CACHE_DIRECTORY", "login/cache");
  }

  /**
   * Where installed copies of the program live, one directory per version: {@code ~/Library/
   * Application Support/rolekeeper} on macOS, else {@code $XDG_DATA_HOME/rolekeeper}.
   */
  public Path installRoot() {
    return os == Os.MACOS
        ? home.resolve("Library/Application Support/rolekeeper")
        : xdg("XDG_DATA_HOME", ".local/share").resolve("rolekeeper");
  }

  /** The systemd user units, {@code $XDG_CONFIG_HOME/systemd/user}. */
  public Path systemdUserUnits() {
    return configHome().resolve("systemd/user");
  }

  /** The launchd agents, {@code ~/Library/LaunchAgents}. */
  public Path launchAgents() {
    return home.resolve("Library/LaunchAgents");
  }

  /** {@code path} for people: under the home directory it starts with {@code ~/}. */
  public String display(Path path) {
    return path.startsWith(home) && !path.equals(home)
        ? "~/" + home.relativize(path)
        : path.toString();
  }

  private Path configHome() {
    return xdg("XDG_CONFIG_HOME", ".config");
  }

  private Path aws(String variable, String defaultName) {
    return nonBlank(variable)
        .map(String::strip)
        .map(v -> v.equals("~") ? home : v.startsWith("~/") ? expand(v) : Path.of(v))
        .map(p -> p.toAbsolutePath().normalize())
        .orElseGet(() -> home.resolve(".aws").resolve(defaultName));
  }

  private Path expand(String path) {
    return path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
  }

  private Path xdg(String variable, String fallbackUnderHome) {
    return nonBlank(variable)
        .map(Path::of)
        .filter(Path::isAbsolute)
        .orElseGet(() -> home.resolve(fallbackUnderHome));
  }

  private Optional<String> nonBlank(String variable) {
    return Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank());
  }
}

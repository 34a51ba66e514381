package dev.rolekeeper.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Turns settings into effective paths and endpoints, reading only the environment map it is given
 * (so tests never touch the real environment). Follows the XDG base-directory rule that a relative
 * {@code XDG_*} value is ignored.
 *
 * @param env the environment, normally {@code System.getenv()}
 */
public record Locations(Map<String, String> env) {

  public Locations {
    env = Map.copyOf(env);
  }

  /**
   * The settings file to read: {@code --config} (required to exist), else the XDG one (optional).
   */
  public record UserFile(Path path, boolean required) {}

  /** {@code --config PATH} if given, else {@code $XDG_CONFIG_HOME/rolekeeper/config.yaml}. */
  public UserFile userFile(Optional<Path> commandLine) {
    return commandLine
        .map(p -> new UserFile(p.toAbsolutePath().normalize(), true))
        .orElseGet(
            () ->
                new UserFile(
                    xdg("XDG_CONFIG_HOME", ".config").resolve("rolekeeper/config.yaml"), false));
  }

  /**
   * {@code stateDir}, else {@code $XDG_STATE_HOME/rolekeeper}, else {@code
   * ~/.local/state/rolekeeper}.
   */
  public Path stateDir(Settings settings) {
    return stateDir(settings.stateDir());
  }

  /**
   * The state directory for a {@code stateDir} setting as written ({@code ~/} allowed; empty: the
   * XDG default).
   */
  public Path stateDir(Optional<String> setting) {
    return setting.map(this::expand).orElseGet(() -> stateHome().resolve("rolekeeper"));
  }

  /**
   * Where programs keep their state: {@code $XDG_STATE_HOME} when it is absolute, else {@code
   * ~/.local/state}. The daemon's default state directory is {@code rolekeeper} in it.
   */
  public Path stateHome() {
    return xdg("XDG_STATE_HOME", ".local/state");
  }

  /**
   * {@code sync.file}, else {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}.
   */
  public Path syncFile(Settings settings) {
    return settings
        .sync()
        .file()
        .map(this::expand)
        .or(() -> nonBlank("AWS_SHARED_CREDENTIALS_FILE").map(this::expand))
        .orElseGet(() -> home().resolve(".aws/credentials"));
  }

  /**
   * {@code sts.endpoint}, else {@code AWS_ENDPOINT_URL_STS}; empty means the SDK's default
   * endpoint.
   *
   * @throws SettingsException if {@code AWS_ENDPOINT_URL_STS} is not a URL
   */
  public Optional<URI> stsEndpoint(Settings settings) {
    if (settings.sts().endpoint().isPresent()) {
      return settings.sts().endpoint();
    }
    return nonBlank("AWS_ENDPOINT_URL_STS")
        .map(
            text -> {
              try {
                return new URI(text);
              } catch (URISyntaxException e) {
                throw new SettingsException(
                    "environment variable AWS_ENDPOINT_URL_STS: '" + text + "' is not a URL");
              }
            });
  }

  /** {@code path} for people: under the home directory it starts with {@code ~/}. */
  public String display(Path path) {
    Optional<Path> home = nonBlank("HOME").map(Path::of);
    if (home.isPresent() && path.startsWith(home.get()) && !path.equals(home.get())) {
      return "~/" + home.get().relativize(path);
    }
    return path.toString();
  }

  private Path expand(String path) {
    return path.startsWith("~/") ? home().resolve(path.substring(2)) : Path.of(path);
  }

  private Path xdg(String variable, String fallbackUnderHome) {
    return nonBlank(variable)
        .map(Path::of)
        .filter(Path::isAbsolute)
        .orElseGet(() -> home().resolve(fallbackUnderHome));
  }

  private Path home() {
    return nonBlank("HOME")
        .map(Path::of)
        .orElseThrow(
            () ->
                new SettingsException(
                    "environment variable HOME: not set; rolekeeper needs it to find its files (or set the paths explicitly)"));
  }

  private Optional<String> nonBlank(String variable) {
    return Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank());
  }
}

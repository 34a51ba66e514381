package dev.rolekeeper.credfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the shared credentials file is, and the real file behind it.
 *
 * <p>The configured path comes from {@code AWS_SHARED_CREDENTIALS_FILE} (with a leading {@code ~}
 * expanded, as the AWS CLI does) or defaults to {@code ~/.aws/credentials}. A symlinked file is
 * written through to its target, so the link itself (e.g. into a dotfiles repository) stays a link.
 *
 * @param configured the path as configured, possibly a symlink, possibly not existing yet
 */
public record CredentialsFile(Path configured) {

  private static final int MAX_LINKS = 40;

  public CredentialsFile {
    Objects.requireNonNull(configured, "configured");
    configured = configured.toAbsolutePath();
  }

  /**
   * The file named by {@code AWS_SHARED_CREDENTIALS_FILE} in {@code env}, else {@code
   * home/.aws/credentials}.
   */
  public static CredentialsFile fromEnvironment(Map<String, String> env, Path home) {
    String fromEnv = env.get("AWS_SHARED_CREDENTIALS_FILE");
    if (fromEnv == null || fromEnv.isBlank()) {
      return new CredentialsFile(home.resolve(".aws").resolve("credentials"));
    }
    return new CredentialsFile(expandHome(fromEnv.strip(), home));
  }

  /** The file this process would use: its environment and {@code user.home}. */
  public static CredentialsFile ofThisProcess() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * The real file: symlinks followed, one hop at a time, to a path that is not a link (it may not
   * exist yet).
   *
   * @throws IOException when the links loop or cannot be read
   */
  public Path target() throws IOException {
    Path current = configured;
    for (int hops = 0; hops < MAX_LINKS; hops++) {
      if (!Files.isSymbolicLink(current)) {
        return current;
      }
      Path link = Files.readSymbolicLink(current);
      current = current.resolveSibling(link).toAbsolutePath();
    }
    throw new IOException(
        "credentials file " + configured + ": more than " + MAX_LINKS + " symlinks (a loop?)");
  }

  private static Path expandHome(String path, Path home) {
    if (path.equals("~")) {
      return home;
    }
    if (path.startsWith("~/")) {
      return home.resolve(path.substring(2));
    }
    return Path.of(path);
  }
}

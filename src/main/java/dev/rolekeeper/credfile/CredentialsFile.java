package dev.rolekeeper.credfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The credentials file that sync writes ({@link dev.rolekeeper.paths.UserPaths#syncFile} says
 * where), and the real file behind it: a symlinked file is written through to its target, so the
 * link itself (e.g. into a dotfiles repository) stays a link.
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
}

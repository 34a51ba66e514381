package dev.rolekeeper.os;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.HashSet;
import java.util.Set;

/**
 * Opening our own files by name without following a symbolic link at the name ({@code O_NOFOLLOW}):
 * a link planted where a lock or token file of ours belongs is refused, never followed, so it can
 * neither redirect a write or truncation to a file the link points at nor create one where a
 * dangling link points. The check and the open are one system call, so there is no window to swap
 * the file in between.
 */
public final class NoFollow {

  private NoFollow() {}

  /**
   * {@link FileChannel#open(Path, Set, FileAttribute[])} with {@link LinkOption#NOFOLLOW_LINKS}
   * added.
   *
   * @throws UnsafePathException naming {@code file} when it is a symbolic link
   */
  public static FileChannel open(
      Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
      throws IOException {
    Set<OpenOption> noFollow = new HashSet<>(options);
    noFollow.add(LinkOption.NOFOLLOW_LINKS);
    try {
      return FileChannel.open(file, noFollow, attributes);
    } catch (IOException e) {
      throw isLink(file) ? linkRefused(file) : e;
    }
  }

  /**
   * The whole content of a small file, read without following a link.
   *
   * @throws UnsafePathException naming {@code file} when it is a symbolic link
   * @throws IOException naming {@code file} when it holds more than {@code limit} bytes
   */
  public static byte[] read(Path file, int limit) throws IOException {
    try (FileChannel channel = open(file, Set.of(StandardOpenOption.READ))) {
      return BoundedFiles.read(channel, file, limit);
    }
  }

  /** Whether {@code path} itself is a symbolic link (dangling or not). */
  static boolean isLink(Path path) {
    return Files.isSymbolicLink(path);
  }

  /** The error for a link found where a file of ours belongs. */
  static UnsafePathException linkRefused(Path file) {
    return new UnsafePathException(
        file
            + " is a symbolic link where rolekeeper keeps a file of its own; it does not follow"
            + " such links (another user may have planted it): remove the link (rm "
            + file
            + ") and try again");
  }
}

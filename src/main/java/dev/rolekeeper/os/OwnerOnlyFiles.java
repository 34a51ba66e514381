package dev.rolekeeper.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files and directories only their owner may read: directories 0700, files 0600 from the moment
 * they are created, never briefly wider. On a file system without POSIX permissions the modes are
 * left to it. Modes are changed on the path itself, never through a symbolic link.
 */
public final class OwnerOnlyFiles {

  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /**
   * The attributes that create a file as 0600, for {@code Files.createFile}, {@code
   * FileChannel.open} and the like.
   */
  public static FileAttribute<?>[] fileAttributes() {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
        : new FileAttribute<?>[0];
  }

  /**
   * Creates {@code dir} (and missing parents) when absent, and makes it 0700 either way.
   *
   * @throws UnsafePathException when {@code dir} is a symbolic link: its target is left alone
   */
  public static void directory(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      createDirectories(dir);
    }
    setMode(dir, DIR_MODE);
  }

  /**
   * Makes an existing file 0600.
   *
   * @throws UnsafePathException when {@code file} is a symbolic link: its target is left alone
   */
  public static void restrict(Path file) throws IOException {
    setMode(file, FILE_MODE);
  }

  /**
   * Replaces {@code target} with {@code bytes}: written to a 0600 temp file in the same directory,
   * then renamed over the target, so a reader sees the old content or the new, never a part (a
   * plain move where the file system cannot rename atomically). A symbolic link at {@code target}
   * is replaced, not followed: a rename swaps the name, whatever it pointed at stays as it was.
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path tmp =
        target.resolveSibling(
            "."
                + target.getFileName()
                + "-"
                + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)
                + ".tmp");
    // One open creates the temp file and refuses anything already at its name, link or file.
    try (FileChannel channel =
        NoFollow.open(
            tmp,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            fileAttributes())) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
    try {
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Creates {@code dir} and its missing parents, each 0700 from the start. */
  static void createDirectories(Path dir) throws IOException {
    Files.createDirectories(
        dir,
        posix()
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR_MODE)}
            : new FileAttribute<?>[0]);
  }

  /**
   * Sets the mode of {@code path} itself: through a view that does not follow links (Java opens the
   * path with {@code O_NOFOLLOW} and changes the mode of what it opened), never {@code
   * Files.setPosixFilePermissions}, which follows them.
   */
  private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (NoFollow.isLink(path)) {
      throw NoFollow.linkRefused(path);
    }
    PosixFileAttributeView view =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    try {
      view.setPermissions(mode);
    } catch (IOException e) {
      throw NoFollow.isLink(path) ? NoFollow.linkRefused(path) : e;
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}

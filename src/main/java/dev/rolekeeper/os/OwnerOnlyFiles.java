package dev.rolekeeper.os;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only their owner may read: directories 0700, files 0600 from the moment
 * they are created, never briefly wider. On a file system without POSIX permissions the modes are
 * left to it.
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

  /** Creates {@code dir} (and missing parents) when absent, and makes it 0700 either way. */
  public static void directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir,
          posix()
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR_MODE)}
              : new FileAttribute<?>[0]);
    }
    if (supportsPosix(dir)) {
      Files.setPosixFilePermissions(dir, DIR_MODE);
    }
  }

  /** Makes an existing file 0600. */
  public static void restrict(Path file) throws IOException {
    if (supportsPosix(file)) {
      Files.setPosixFilePermissions(file, FILE_MODE);
    }
  }

  /**
   * Replaces {@code target} with {@code bytes}: written to a 0600 temp file in the same directory,
   * then renamed over the target, so a reader sees the old content or the new, never a part (a
   * plain move where the file system cannot rename atomically).
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path tmp =
        Files.createTempFile(
            target.getParent(), "." + target.getFileName() + "-", ".tmp", fileAttributes());
    try {
      Files.write(tmp, bytes);
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

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}

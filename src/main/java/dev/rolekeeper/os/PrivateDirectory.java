package dev.rolekeeper.os;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The state directory, checked before anything in it is opened: it must be a real directory (not a
 * symbolic link), owned by the user this process runs as, and writable by nobody else. Whoever can
 * write to it could plant links where our lock and token files go, or read and swap those files;
 * whoever can repoint a link could send all of them to a place of their choice. Such a directory is
 * refused, not repaired: files may already have been planted in it.
 *
 * <p>Only the directory itself is checked: a world-writable parent with the sticky bit ({@code
 * /tmp}) lets nobody else rename or replace a directory of ours.
 */
public final class PrivateDirectory {

  private static final int GROUP_OR_OTHERS_WRITE = 0022;

  private PrivateDirectory() {}

  /**
   * Creates {@code dir} 0700 (and missing parents, 0700 too) when absent, then checks it.
   *
   * @return {@code dir}
   * @throws UnsafePathException when it is a link, not a directory, someone else's, or writable by
   *     others
   */
  public static Path prepare(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      OwnerOnlyFiles.createDirectories(dir);
    }
    verify(dir);
    return dir;
  }

  /**
   * Checks an existing {@code dir} without changing anything.
   *
   * @throws NoSuchFileException when it does not exist
   * @throws UnsafePathException when it is a link, not a directory, someone else's, or writable by
   *     others
   */
  public static void verify(Path dir) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    Map<String, Object> attributes =
        Files.readAttributes(
            dir, "unix:uid,mode,isSymbolicLink,isDirectory", LinkOption.NOFOLLOW_LINKS);
    // No lambda, stream or string concatenation on the path that passes: each costs a short-lived
    // CLI command milliseconds of bootstrapping the first time.
    String name = "the state directory ";
    if ((Boolean) attributes.get("isSymbolicLink")) {
      throw new UnsafePathException(
          name
              + dir
              + " is a symbolic link (to "
              + Files.readSymbolicLink(dir)
              + "), which whoever can change it may point elsewhere: use a real directory of your"
              + " own (set it with --state-dir or the stateDir setting)");
    }
    if (!(Boolean) attributes.get("isDirectory")) {
      throw new UnsafePathException(
          name + dir + " is not a directory: move that file away or choose another --state-dir");
    }
    int owner = (Integer) attributes.get("uid");
    int self = UnixUsers.ownUid();
    if (owner != self) {
      throw new UnsafePathException(
          name
              + dir
              + " belongs to another user (uid "
              + owner
              + "; you are uid "
              + self
              + "), who could read or replace its files: choose a directory of your own with"
              + " --state-dir or the stateDir setting");
    }
    int mode = (Integer) attributes.get("mode");
    if ((mode & GROUP_OR_OTHERS_WRITE) != 0) {
      throw new UnsafePathException(
          name
              + dir
              + " is "
              + PosixFilePermissions.toString(permissions(mode))
              + ": other users could plant or replace files in it; make it yours alone with chmod"
              + " 700 "
              + dir);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder(9);
    String letters = "rwxrwxrwx";
    for (int bit = 0; bit < 9; bit++) {
      text.append((mode & (0400 >> bit)) != 0 ? letters.charAt(bit) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }
}

package dev.rolekeeper.credfile;

import dev.rolekeeper.os.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the file held when read: its bytes and its identity (inode), or its absence. Two snapshots
 * are the same when both say absent, or both name the same inode with the same bytes; comparing
 * bytes, not just mtime and size, catches an edit within one mtime tick that kept the size. A file
 * larger than {@link BoundedFiles#CONFIG_FILE_LIMIT} fails the read, unread, like any unreadable
 * file.
 */
record FileSnapshot(boolean exists, Object fileKey, byte[] bytes) {

  static FileSnapshot read(Path file) throws IOException {
    try {
      Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return new FileSnapshot(true, key, BoundedFiles.read(file, BoundedFiles.CONFIG_FILE_LIMIT));
    } catch (NoSuchFileException e) {
      return new FileSnapshot(false, null, new byte[0]);
    }
  }

  boolean sameAs(FileSnapshot other) {
    return exists == other.exists
        && Objects.equals(fileKey, other.fileKey)
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileSnapshot other && sameAs(other);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exists, fileKey, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    // The bytes may hold secrets.
    return "FileSnapshot[exists=" + exists + ", size=" + bytes.length + "]";
  }
}

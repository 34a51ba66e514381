package dev.rolekeeper.credfile;

import dev.rolekeeper.os.NoFollow;
import dev.rolekeeper.os.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary files of a write: created next to the real file (so the rename stays on one file
 * system and is atomic), mode 0600 from creation, fsynced before the rename. Named {@code
 * .credentials.rolekeeper-tmp-*}, so that leftovers of a writer killed mid-write can be recognised
 * and deleted by the next writer that holds the lock.
 */
final class TempFiles {

  private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);

  private TempFiles() {}

  static String prefixFor(Path target) {
    return "." + target.getFileName() + ".rolekeeper-tmp-";
  }

  /** Writes {@code bytes} to a new 0600 temp file next to {@code target} and forces it to disk. */
  static Path write(Path target, byte[] bytes) throws IOException {
    Path tmp =
        Files.createTempFile(
            target.getParent(), prefixFor(target), "", OwnerOnlyFiles.fileAttributes());
    try (FileChannel channel = NoFollow.open(tmp, Set.of(StandardOpenOption.WRITE))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  /**
   * Deletes temp files left by killed writers. Only safe under the lock: every live writer of ours
   * creates and renames its temp file while holding it, so any temp file seen here is dead.
   */
  static int deleteStale(Path target) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(target.getParent(), prefixFor(target) + "*")) {
      for (Path path : stale) {
        if (Files.deleteIfExists(path)) {
          deleted++;
        }
      }
    }
    if (deleted > 0) {
      LOG.info("Deleted {} temp file(s) left next to {} by an interrupted write", deleted, target);
    }
    return deleted;
  }

  /**
   * Makes the rename durable. Some platforms cannot open a directory for fsync; the rename is still
   * atomic there.
   */
  static void fsyncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("Cannot fsync directory {}: {}", directory, e.toString());
    }
  }
}

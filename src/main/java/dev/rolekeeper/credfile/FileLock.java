package dev.rolekeeper.credfile;

import dev.rolekeeper.os.NoFollow;
import dev.rolekeeper.os.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The credentials-file lock: a sidecar file next to the real file ({@code
 * credentials.rolekeeper.lock}), locked with {@link FileChannel#lock()} across processes, plus one
 * {@link ReentrantLock} per lock file inside this JVM, because the OS lock is held per process and
 * a second channel in the same JVM would fail with {@code OverlappingFileLockException} instead of
 * waiting.
 *
 * <p>The sidecar file is never deleted: deleting a lock file lets two processes lock two different
 * inodes. Public so that tests and tools that rewrite the file can take the same lock.
 */
public final class FileLock implements AutoCloseable {

  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;

  private FileLock(ReentrantLock local, FileChannel channel) {
    this.local = local;
    this.channel = channel;
  }

  /** The sidecar lock file for the real credentials file {@code target}. */
  public static Path lockFileFor(Path target) {
    return target.resolveSibling(target.getFileName() + ".rolekeeper.lock");
  }

  /**
   * Blocks until this thread holds the lock for {@code target} (the real file, symlinks already
   * followed). The sidecar file itself is opened without following a link: a link at its name,
   * dangling or not, is refused, and nothing is created where it points.
   *
   * @throws dev.rolekeeper.os.UnsafePathException naming the sidecar file when it is a symbolic
   *     link
   */
  public static FileLock acquire(Path target) throws IOException {
    Path lockFile = lockFileFor(target).toAbsolutePath().normalize();
    ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    local.lock();
    FileChannel channel = null;
    try {
      channel = NoFollow.open(lockFile, openOptions(), OwnerOnlyFiles.fileAttributes());
      channel.lock();
      return new FileLock(local, channel);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      local.unlock();
      throw e;
    }
  }

  /** Releases the OS lock (by closing the channel) and then the in-process lock. */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      local.unlock();
    }
  }

  private static Set<StandardOpenOption> openOptions() {
    return Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }
}

package dev.rolekeeper.os;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells whether some process holds the exclusive lock on a file, by trying to take it and letting
 * go at once. The file is opened without creating it and without following a symbolic link, and is
 * never written.
 *
 * <p>Not for the process that holds the lock: the JDK's locks are POSIX record locks, which the
 * kernel drops when the process closes <em>any</em> descriptor of the file, so a probe from inside
 * the daemon would release the daemon's own lock (the JDK's table still says HELD, so such a bug
 * hides from in-process tests). Code in the daemon asks its parts, not its own HTTP client.
 */
public final class LockProbe {

  /** What the probe found. */
  public enum State {
    /** Another process holds the lock. */
    HELD,
    /** Nobody holds it (the probe got it, and let go). */
    FREE,
    /** There is no such file. */
    MISSING
  }

  private LockProbe() {}

  /**
   * Probes {@code file}.
   *
   * @throws IOException when it cannot be opened (a symbolic link, not ours, ...) or locked
   */
  public static State probe(Path file) throws IOException {
    FileChannel channel;
    try {
      // WRITE, as an exclusive lock needs; without CREATE or TRUNCATE_EXISTING nothing changes.
      channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return State.MISSING;
    }
    try (channel) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return State.HELD;
      }
      lock.release();
      return State.FREE;
    } catch (OverlappingFileLockException e) {
      // this very JVM holds it (a test, or the daemon asking itself)
      return State.HELD;
    }
  }
}

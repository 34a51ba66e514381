package dev.rolekeeper.daemon;

import dev.rolekeeper.os.NoFollow;
import dev.rolekeeper.os.OwnerOnlyFiles;
import dev.rolekeeper.os.PrivateDirectory;
import dev.rolekeeper.os.UnsafePathException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon per state directory: an exclusive OS lock on {@code <state>/rolekeeper.lock}, which
 * holds the owner's pid. The OS drops the lock when the process dies, so a crash never leaves a
 * stale lock behind.
 *
 * <p>Not thread-safe; acquire once at start-up and close at shutdown.
 */
public final class InstanceLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceLock.class);

  /**
   * The lock file's name inside the state directory: the one the CLI probes ({@link DaemonTrust}).
   */
  public static final String FILE_NAME = DaemonTrust.LOCK_FILE;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file, {@code <state>/rolekeeper.lock}. */
  public Path file() {
    return file;
  }

  /** Whether this instance still holds the lock. */
  public boolean isHeld() {
    return lock.isValid();
  }

  /**
   * Takes the lock, creating the state directory (0700) and lock file (0600) if needed, and records
   * this pid. The state directory must be this user's alone ({@link PrivateDirectory}), and the
   * lock file is opened without following a link: a planted link is refused, its target left
   * untouched.
   *
   * @throws AlreadyRunningException when another process, or this one, already holds it
   * @throws UnsafePathException when the state directory is not this user's alone or the lock file
   *     is a symbolic link
   * @throws IOException naming the lock file when it cannot be opened or written
   */
  public static InstanceLock acquire(Path stateDir) throws AlreadyRunningException, IOException {
    Path file = stateDir.resolve(FILE_NAME);
    PrivateDirectory.prepare(stateDir);
    FileChannel channel = open(file);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldByThisJvm) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      OptionalLong holder = readPid(channel);
      channel.close();
      throw new AlreadyRunningException(stateDir, holder);
    }
    writePid(channel, file);
    return new InstanceLock(file, channel, lock);
  }

  /** Releases the lock; the file stays, as deleting it could race with a starting instance. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** {@link #close()} for shutdown paths that must go on: a failure is logged, not thrown. */
  public void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("releasing the instance lock failed: {}", e.getMessage());
    }
  }

  private static FileChannel open(Path file) throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return NoFollow.open(file, options, OwnerOnlyFiles.fileAttributes());
    } catch (UnsafePathException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(
          "cannot open the instance lock file " + file + ": " + e.getMessage(), e);
    }
  }

  private static OptionalLong readPid(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String text =
          new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
      return text.matches("\\d{1,18}")
          ? OptionalLong.of(Long.parseLong(text))
          : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private static void writePid(FileChannel channel, Path file) throws IOException {
    try {
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      channel.force(true);
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot write the pid into " + file + ": " + e.getMessage(), e);
    }
  }
}

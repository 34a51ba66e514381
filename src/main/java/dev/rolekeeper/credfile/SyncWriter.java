package dev.rolekeeper.credfile;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.credfile.IniText.InvalidIniException;
import dev.rolekeeper.credfile.SectionSplicer.Splice;
import dev.rolekeeper.os.BoundedFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and removes rolekeeper's sections of the shared credentials file, never harming anything
 * else in it.
 *
 * <p>Each operation, blocking (call it through {@code vertx.executeBlocking}): take the {@link
 * FileLock}; delete temp files left by killed writers; read the file; splice the one section
 * ({@link SectionSplicer}, every byte outside it kept); write a 0600 temp file in the same
 * directory and fsync it; re-read the file and, if it changed since the first read, wait a few
 * random milliseconds and start again (for up to {@link #RETRY_BUDGET}); atomically rename the temp
 * file over the real file (symlinks followed, the link stays a link); fsync the directory. A file
 * that is not valid INI, a section that is not ours and a section that appears twice are refused,
 * and the file is left untouched. A killed writer leaves either the old or the new file, never a
 * mix.
 *
 * <p>What stays racy: writers that do not take our lock (the AWS CLI's {@code aws configure set},
 * editors). Our re-read catches their writes up to the moment just before our rename; a write that
 * lands in the few microseconds between that check and the rename is replaced by ours. The reverse
 * also holds: an editor that read the file before our rename and saves after it replaces our
 * section with the previous one, which the next refresh repairs. We keep the rename rather than
 * give up on any doubt because the alternative, writing in place, would expose readers to
 * half-written files, and no check can close the window without the other writer's cooperation. A
 * writer that truncates and rewrites in place could be seen half-way; two reads that agree make
 * that very unlikely but not impossible.
 *
 * <p>The file ends up with mode 0600 (the temp file's mode), whatever it had before.
 */
public final class SyncWriter {

  /** How long to keep retrying a file that keeps changing under us before reporting Failed. */
  public static final Duration RETRY_BUDGET = Duration.ofSeconds(3);

  /** Attempts made even when the budget has run out (a slow disk can eat it in one fsync). */
  private static final int MIN_ATTEMPTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(SyncWriter.class);

  private final CredentialsFile file;
  private final Clock clock;
  private final Duration retryBudget;
  private final Consumer<Path> beforeRecheck;

  public SyncWriter(CredentialsFile file) {
    this(file, Clock.systemUTC());
  }

  public SyncWriter(CredentialsFile file, Clock clock) {
    this(file, clock, RETRY_BUDGET, target -> {});
  }

  /**
   * For tests: a shorter budget, and a hook run after the temp file is written and before the
   * re-check, where another writer's change can be staged deterministically.
   */
  SyncWriter(
      CredentialsFile file, Clock clock, Duration retryBudget, Consumer<Path> beforeRecheck) {
    this.file = file;
    this.clock = clock;
    this.retryBudget = retryBudget;
    this.beforeRecheck = beforeRecheck;
  }

  public CredentialsFile file() {
    return file;
  }

  /**
   * Writes temporary {@code credentials} into {@code section}, creating the section (and the file)
   * if needed.
   */
  public WriteOutcome write(String section, AwsCredentials credentials) {
    List<String> lines;
    try {
      SyncTarget.validateSection(section);
      lines = ManagedSection.render(section, credentials);
    } catch (IllegalArgumentException e) {
      return new WriteOutcome.Refused("cannot write section [" + section + "]: " + e.getMessage());
    }
    return update(section, (ini, target) -> SectionSplicer.put(ini, target, section, lines));
  }

  /**
   * Removes {@code section} if it is ours; a section that is absent counts as removed (nothing is
   * written).
   */
  public WriteOutcome remove(String section) {
    try {
      SyncTarget.validateSection(section);
    } catch (IllegalArgumentException e) {
      return new WriteOutcome.Refused("cannot remove section [" + section + "]: " + e.getMessage());
    }
    try {
      Path target = file.target();
      if (!Files.exists(target)) {
        // Nothing to remove; do not create ~/.aws or a lock file just to find that out.
        return new WriteOutcome.Written(clock.instant(), target);
      }
    } catch (IOException e) {
      return new WriteOutcome.Failed(
          "could not remove section [" + section + "] of " + file.configured() + ": " + e);
    }
    return update(section, (ini, target) -> SectionSplicer.remove(ini, target, section));
  }

  /** One splice of a parsed file. */
  private interface Edit {
    Splice apply(IniText ini, Path target);
  }

  private WriteOutcome update(String section, Edit edit) {
    Path target = file.configured();
    try {
      target = file.target();
      createDirectory(target.getParent());
      try (FileLock lock = FileLock.acquire(target)) {
        TempFiles.deleteStale(target);
        return attempt(section, target, edit);
      }
    } catch (IOException e) {
      String reason =
          "could not update section ["
              + section
              + "] of "
              + target
              + ": "
              + (e instanceof BoundedFiles.InputTooLargeException ? e.getMessage() : e);
      LOG.debug("{}", reason); // the caller reports the outcome
      return new WriteOutcome.Failed(reason);
    }
  }

  private WriteOutcome attempt(String section, Path target, Edit edit) throws IOException {
    long deadline = System.nanoTime() + retryBudget.toNanos();
    int attempt = 0;
    while (attempt < MIN_ATTEMPTS || System.nanoTime() < deadline) {
      attempt++;
      FileSnapshot before = FileSnapshot.read(target);
      Splice splice;
      try {
        splice = edit.apply(IniText.parse(before.bytes(), target), target);
      } catch (InvalidIniException e) {
        if (FileSnapshot.read(target).sameAs(before)) {
          return new WriteOutcome.Refused(e.getMessage());
        }
        backOff(attempt); // caught someone else mid-write: read again
        continue;
      }
      if (splice instanceof Splice.Refused refused) {
        return new WriteOutcome.Refused(refused.reason());
      }
      if (splice instanceof Splice.Changed changed && !replace(target, before, changed.bytes())) {
        LOG.debug(
            "{} changed while section [{}] was being written (attempt {}); retrying",
            target,
            section,
            attempt);
        backOff(attempt);
        continue;
      }
      return new WriteOutcome.Written(clock.instant(), target);
    }
    return new WriteOutcome.Failed(
        target
            + " kept changing while rolekeeper tried to update section ["
            + section
            + "] ("
            + attempt
            + " attempts in "
            + retryBudget.toMillis()
            + " ms); the next refresh tries again");
  }

  /**
   * Gives a writer that is saving right now a few milliseconds to finish, growing and randomised so
   * that two retrying writers do not stay in step.
   */
  private static void backOff(int attempt) throws IOException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(4L * attempt + 2, 30)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /**
   * Renames the new content over {@code target} if it still holds what {@code before} saw; false if
   * it changed.
   */
  private boolean replace(Path target, FileSnapshot before, byte[] bytes) throws IOException {
    Path tmp = TempFiles.write(target, bytes);
    try {
      beforeRecheck.accept(target);
      if (!FileSnapshot.read(target).sameAs(before)) {
        return false;
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      TempFiles.fsyncDirectory(target.getParent());
      return true;
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void createDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(directory);
    }
  }
}

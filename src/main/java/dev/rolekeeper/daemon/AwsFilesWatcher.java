package dev.rolekeeper.daemon;

import dev.rolekeeper.crypto.Sha256;
import dev.rolekeeper.os.BoundedFiles;
import dev.rolekeeper.os.ChangeScan;
import dev.rolekeeper.os.SteadyRead;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices changes to the AWS config and credentials files by their content: when the kernel reports
 * an edit in their directories, or on a timer while a directory cannot be watched (see {@link
 * ChangeScan}), it hashes both files off the event loop and calls the listener when the pair of
 * hashes differs from the last one seen. Content, not modification times, so an editor's
 * touch-without-change or a same-second rewrite is judged correctly. A missing file hashes as
 * "absent", so creating or deleting one is a change too.
 *
 * <p>A change is acted on only once the content holds still ({@link SteadyRead}), so a file caught
 * half-written never drops every profile for a moment.
 *
 * <p>Scans and the listener run on one context: the caller's, or a new one when started from a
 * plain thread.
 */
public final class AwsFilesWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(AwsFilesWatcher.class);

  private final Vertx vertx;
  private final AwsFiles files;
  private final Runnable listener;
  private final Duration settle;
  private String lastSeen;
  private volatile ChangeScan changes;
  private volatile boolean stopped;

  private AwsFilesWatcher(Vertx vertx, AwsFiles files, Duration settle, Runnable listener) {
    this.vertx = vertx;
    this.files = files;
    this.settle = settle;
    this.listener = listener;
  }

  /**
   * Compares the files with {@code baseline} whenever they may have changed.
   *
   * @param periods when to look without being told of an edit
   * @param baseline {@link #fingerprint} of the files as they were read for the plans in force
   * @param listener called once per change seen
   */
  public static AwsFilesWatcher start(
      Vertx vertx, AwsFiles files, ChangeScan.Periods periods, String baseline, Runnable listener) {
    AwsFilesWatcher watcher = new AwsFilesWatcher(vertx, files, periods.settle(), listener);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> watcher.lastSeen = baseline);
    watcher.changes =
        ChangeScan.start(
            vertx,
            context,
            List.of(files.configFile(), files.credentialsFile()),
            periods,
            watcher::scan);
    return watcher;
  }

  /** The content hashes of both files (blocking): what {@link #start} compares against. */
  public static String fingerprint(AwsFiles files) throws IOException {
    return hash(files.configFile()) + ":" + hash(files.credentialsFile());
  }

  /** Stops watching; a scan already running reports nothing. Any thread. */
  public void stop() {
    stopped = true;
    changes.stop();
  }

  private Future<?> scan() {
    return SteadyRead.of(vertx, settle, lastSeen, this::read)
        .onComplete(
            result -> {
              if (stopped) {
                return;
              }
              if (result.failed()) {
                // An unreadable file is noticed by the re-plan when it becomes readable; nothing to
                // report per scan.
                LOG.debug(
                    "could not read the AWS files to look for changes: {}",
                    result.cause().getMessage());
              } else if (!result.result().equals(lastSeen)) {
                lastSeen = result.result();
                LOG.info("AWS files changed ({}, {})", files.configFile(), files.credentialsFile());
                listener.run();
              }
            });
  }

  private Future<String> read() {
    return vertx.executeBlocking(() -> fingerprint(files), false);
  }

  private static String hash(Path file) throws IOException {
    try {
      // Follows a symlinked file, as the SDKs do when they read it.
      return Sha256.hexOf(BoundedFiles.read(file, BoundedFiles.CONFIG_FILE_LIMIT));
    } catch (NoSuchFileException e) {
      return "absent";
    } catch (BoundedFiles.InputTooLargeException e) {
      // Never read whole: a file too large to load is told apart by its size and time, which an
      // edit that could make it loadable again changes.
      return "too-large:" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
    }
  }
}

package dev.rolekeeper.process;

import dev.rolekeeper.os.OwnerOnlyFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a secret link to the browser without putting it on a command line, which every local user
 * can read ({@code /proc/PID/cmdline}, {@code ps}): the link goes into a small HTML file of mode
 * 0600 in a directory of mode 0700, and the browser is given the file's {@code file:} URL. The page
 * sends the browser on at once ({@code <meta http-equiv="refresh">}, with a plain link in case
 * refreshes are off), and sends no {@code Referer}.
 *
 * <p>A file lives until {@link #opened} is told its link was used, or its lifetime ({@link
 * #LIFETIME} in the daemon) has passed, whichever comes first; {@link #clear()} removes whatever an
 * earlier run left (the daemon calls it at start and stop). File work runs on a worker thread,
 * never on an event loop.
 *
 * <p>Known limit: a browser confined as a Snap (Ubuntu's Firefox and Chromium) may not read files
 * under hidden directories such as {@code ~/.local/state} and then shows "file not found"; {@code
 * rolekeeper mfa} still takes the code. Only the fallback for a desktop without zenity or kdialog
 * opens the page this way.
 */
public final class BrowserHandoff {

  private static final Logger LOG = LoggerFactory.getLogger(BrowserHandoff.class);

  /** How long an unused file is kept: long enough for a browser to start. */
  public static final Duration LIFETIME = Duration.ofMinutes(1);

  static final String PREFIX = "open-";
  static final String SUFFIX = ".html";

  /** The directory under the state directory the daemon's files go in. */
  public static final String DIRECTORY = "open";

  private final Vertx vertx;
  private final Duration lifetime;
  private volatile Path directory;
  private final Map<String, Set<Path>> filesByLink = new ConcurrentHashMap<>();

  /**
   * @param directory where the files go; created 0700 when first needed, and holding nothing else
   *     ({@link #clear()} empties it)
   * @param lifetime how long a file that was never opened is kept ({@link #LIFETIME})
   */
  public BrowserHandoff(Vertx vertx, Path directory, Duration lifetime) {
    this.vertx = vertx;
    this.directory = directory;
    this.lifetime = lifetime;
  }

  /**
   * Files in a private temporary directory made when the first is written (for a runner that was
   * given no directory, as in tests); {@link #clear()} leaves that directory be.
   */
  public static BrowserHandoff temporary(Vertx vertx) {
    return new BrowserHandoff(vertx, null, LIFETIME);
  }

  /** The directory the files go in; null while a temporary one is not yet made. */
  public Path directory() {
    return directory;
  }

  /**
   * Writes the file that sends the browser to {@code link}; its path is what the opener is given.
   * The file is removed when its lifetime has passed, unless {@link #opened} came first.
   */
  public Future<Path> write(String link) {
    return vertx
        .executeBlocking(() -> writeNow(link), false)
        .onSuccess(file -> vertx.setTimer(lifetime.toMillis(), id -> forget(link, file)));
  }

  /** The browser followed {@code link}: its files have served their purpose and go. */
  public Future<Void> opened(String link) {
    Set<Path> files = filesByLink.remove(link);
    return files == null
        ? Future.succeededFuture()
        : vertx.executeBlocking(() -> deleteAll(files), false);
  }

  /**
   * Removes every file in the directory, from this run or an earlier one. Blocking; a failure is
   * logged, not thrown (the files are private, and the next start tries again).
   */
  public void clear() {
    filesByLink.clear();
    Path directory = this.directory;
    if (directory == null || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.warn("could not remove the browser link files in {}: {}", directory, e.toString());
    }
  }

  /** The page: straight on to {@code link}, no referrer, no script. */
  static String page(String link) {
    String href = escape(link);
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
        + "<meta name=\"referrer\" content=\"no-referrer\">\n"
        + "<meta http-equiv=\"refresh\" content=\"0;url="
        + href
        + "\">\n<title>rolekeeper</title></head>\n"
        + "<body><p><a href=\""
        + href
        + "\" rel=\"noreferrer\">Continue to rolekeeper</a></p></body></html>\n";
  }

  private Path writeNow(String link) throws IOException {
    Path directory = ensureDirectory();
    Path file = Files.createTempFile(directory, PREFIX, SUFFIX, OwnerOnlyFiles.fileAttributes());
    Files.writeString(file, page(link), StandardCharsets.UTF_8);
    filesByLink.computeIfAbsent(link, l -> ConcurrentHashMap.newKeySet()).add(file);
    return file;
  }

  private synchronized Path ensureDirectory() throws IOException {
    if (directory == null) {
      directory =
          Files.createTempDirectory(
              "rolekeeper-open-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      OwnerOnlyFiles.directory(directory);
    }
    return directory;
  }

  private void forget(String link, Path file) {
    Set<Path> files = filesByLink.get(link);
    if (files != null && files.remove(file)) {
      filesByLink.remove(link, Set.of());
      vertx.executeBlocking(() -> deleteAll(List.of(file)), false);
    }
  }

  private static Void deleteAll(Iterable<Path> files) throws IOException {
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
    return null;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}

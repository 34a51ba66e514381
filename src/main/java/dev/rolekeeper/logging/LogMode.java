package dev.rolekeeper.logging;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the daemon's log goes, decided from its environment at start-up.
 *
 * <ul>
 *   <li>{@link File} when {@code ROLEKEEPER_LOG_FILE} names a file (the launchd agent sets it): a
 *       size-capped, rotated file;
 *   <li>{@link Journal} when stdout is a journald stream (systemd sets {@code JOURNAL_STREAM} to
 *       its {@code device:inode}): no timestamp, a {@code <N>} syslog priority prefix on every
 *       line;
 *   <li>{@link Terminal} otherwise: plain lines with a short timestamp, on stderr.
 * </ul>
 */
public sealed interface LogMode {

  /** The environment variable naming the rotated log file. */
  String LOG_FILE_ENV = "ROLEKEEPER_LOG_FILE";

  /** A person is watching: plain lines with timestamps. */
  record Terminal() implements LogMode {}

  /** stdout goes to journald, which timestamps each line and reads its priority from the prefix. */
  record Journal() implements LogMode {}

  /** A rotated log file. */
  record File(Path path) implements LogMode {}

  /**
   * Picks the mode.
   *
   * @param env the process environment
   * @param stdoutIdentity stdout's {@code device:inode} in decimal, when it could be read
   */
  static LogMode detect(Map<String, String> env, Optional<String> stdoutIdentity) {
    String file = env.get(LOG_FILE_ENV);
    if (file != null && !file.isBlank()) {
      return new File(Path.of(file));
    }
    String stream = env.get("JOURNAL_STREAM");
    if (stream == null || stream.isBlank()) {
      return new Terminal();
    }
    // A shell started from a service (e.g. a terminal emulator run by systemd) inherits
    // JOURNAL_STREAM although
    // its own stdout is a tty: only a matching device:inode proves stdout really is the journal.
    boolean matches =
        stdoutIdentity.map(stream::equals).orElseGet(() -> env.containsKey("INVOCATION_ID"));
    return matches ? new Journal() : new Terminal();
  }
}

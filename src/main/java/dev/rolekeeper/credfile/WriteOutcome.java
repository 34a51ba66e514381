package dev.rolekeeper.credfile;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The result of one {@link SyncWriter} operation. Every reason is free of secrets: it names the
 * file, the section and line numbers, never a line's content.
 */
public sealed interface WriteOutcome {

  /**
   * The file now holds what was asked (also when nothing had to change, e.g. removing an absent
   * section).
   *
   * @param at when the file was written or checked
   * @param file the real file (symlinks followed)
   */
  record Written(Instant at, Path file) implements WriteOutcome {}

  /**
   * rolekeeper chose not to touch the file: the section is not ours, or the file is not valid INI.
   */
  record Refused(String reason) implements WriteOutcome {}

  /**
   * The write was attempted and did not happen: an I/O error, or the file kept changing under us.
   */
  record Failed(String reason) implements WriteOutcome {}
}

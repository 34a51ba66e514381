package dev.rolekeeper.doctor;

/**
 * What one doctor check found: all well, something to fix (with the one line that fixes it), or a
 * note.
 */
public sealed interface CheckResult
    permits CheckResult.Passed, CheckResult.NeedsFix, CheckResult.Note {

  /** The one line a person reads. */
  String summary();

  /** Nothing to do. */
  record Passed(String summary) implements CheckResult {}

  /** Something to fix; {@code fix} is one line, usually a command. */
  record NeedsFix(String summary, String fix) implements CheckResult {}

  /**
   * Worth knowing, but nothing is broken (e.g. no desktop on a server: MFA codes come by CLI or web
   * page).
   */
  record Note(String summary) implements CheckResult {}
}

package dev.rolekeeper.process;

/**
 * How a launched process ended. {@code stdout} may hold an MFA code, so {@link #toString()} shows
 * neither stream.
 *
 * @param exitCode the exit code, or -1 when it did not exit by itself
 * @param stdout what it printed on standard output
 * @param stderr what it printed on standard error (may echo a code: never log it)
 * @param timedOut whether it was killed for running too long
 * @param cancelled whether it was killed because it was no longer needed
 * @param outputTooLong whether it printed more than {@link ProcessRunner#OUTPUT_LIMIT} on standard
 *     output: {@code stdout} then holds only the first bytes, and must not be trusted as an answer
 */
public record ProcessResult(
    int exitCode,
    String stdout,
    String stderr,
    boolean timedOut,
    boolean cancelled,
    boolean outputTooLong) {

  /** A result whose output fitted. */
  public ProcessResult(
      int exitCode, String stdout, String stderr, boolean timedOut, boolean cancelled) {
    this(exitCode, stdout, stderr, timedOut, cancelled, false);
  }

  /** Whether it exited with 0 by itself. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut && !cancelled;
  }

  @Override
  public String toString() {
    return "ProcessResult[exitCode="
        + exitCode
        + ", timedOut="
        + timedOut
        + ", cancelled="
        + cancelled
        + ", outputTooLong="
        + outputTooLong
        + "]";
  }
}

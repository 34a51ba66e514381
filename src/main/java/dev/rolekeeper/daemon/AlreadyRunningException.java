package dev.rolekeeper.daemon;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Another rolekeeper holds the instance lock on the same state directory; the message says how to
 * stop it.
 */
public final class AlreadyRunningException extends Exception {

  /**
   * The exit status of a daemon refused for this reason (BSD's EX_CANTCREAT: the lock could not be
   * had). The systemd unit lists it in {@code RestartPreventExitStatus=}, so a refused start is not
   * retried in a loop.
   */
  public static final int EXIT_STATUS = 73;

  private final Path stateDir;
  private final OptionalLong pid;

  public AlreadyRunningException(Path stateDir, OptionalLong pid) {
    super(message(stateDir, pid));
    this.stateDir = stateDir;
    this.pid = pid;
  }

  /** The contested state directory. */
  public Path stateDir() {
    return stateDir;
  }

  /** The holder's process id, when it could be read from the lock file. */
  public OptionalLong pid() {
    return pid;
  }

  private static String message(Path stateDir, OptionalLong pid) {
    String who = pid.isPresent() ? "pid " + pid.getAsLong() : "pid unknown";
    // How to stop it depends on how it was installed: the command line adds that.
    return "rolekeeper is already running for " + stateDir + " (" + who + ")";
  }
}

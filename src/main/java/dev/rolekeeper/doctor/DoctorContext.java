package dev.rolekeeper.doctor;

import dev.rolekeeper.paths.UserPaths;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the checks look at, resolved once: the platform, environment (never the real one in tests)
 * and home as {@code paths}, the daemon's state directory and configured port, the STS endpoint,
 * and where service files live.
 *
 * @param port the configured main port (0: any free port, so only {@code daemon.json} tells)
 * @param sts the STS endpoint the daemon uses
 * @param serviceFiles the service files to look for, the user's own first (systemd user unit,
 *     launchd agent), then the package's
 * @param timeout for each network call
 */
public record DoctorContext(
    UserPaths paths, Path stateDir, int port, URI sts, List<Path> serviceFiles, Duration timeout) {

  public DoctorContext {
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(sts, "sts");
    serviceFiles = List.copyOf(serviceFiles);
    Objects.requireNonNull(timeout, "timeout");
  }

  /** A variable's value when set and not blank. */
  String variable(String name) {
    String value = paths.env().get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** Leaves out the environment, which may hold secrets. */
  @Override
  public String toString() {
    return "DoctorContext[paths="
        + paths
        + ", stateDir="
        + stateDir
        + ", port="
        + port
        + ", sts="
        + sts
        + "]";
  }
}

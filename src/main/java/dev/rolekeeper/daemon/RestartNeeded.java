package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a reload of the AWS files cannot apply to the running daemon, said exactly: profiles' {@code
 * mfa_process} commands when the daemon started without any (the process way is wired at start
 * only); and the settings a running daemon cannot change.
 */
final class RestartNeeded {

  private RestartNeeded() {}

  /**
   * The warning for a reload from {@code before} to {@code after}, if it changed something that
   * needs a restart.
   */
  static Optional<String> afterReload(ServedPlans before, ServedPlans after) {
    List<String> parts = new ArrayList<>();
    TreeSet<String> devices = new TreeSet<>(before.deviceProcesses().keySet());
    devices.addAll(after.deviceProcesses().keySet());
    devices.removeIf(
        device ->
            Objects.equals(
                before.deviceProcesses().get(device), after.deviceProcesses().get(device)));
    if (!devices.isEmpty()) {
      parts.add(
          "the mfa_process of the profiles on "
              + String.join(", ", devices)
              + " (rolekeeper started without any mfa_process, so it has no process way to run it)");
    }
    return parts.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "Reloaded, but these apply only after a restart: "
                + String.join("; ", parts)
                + ": restart rolekeeper to use them");
  }

  /**
   * Setting groups whose change the running daemon cannot apply, by the name users write in the
   * file.
   */
  static List<String> settings(Settings before, Settings next) {
    List<String> names = new ArrayList<>();
    check(names, "listen", before.listen(), next.listen());
    check(names, "imds.enabled", before.served().imds().enabled(), next.served().imds().enabled());
    check(names, "stateDir", before.daemon().stateDir(), next.daemon().stateDir());
    check(names, "region", before.served().region(), next.served().region());
    check(names, "refresh", before.refresh(), next.refresh());
    check(names, "mfa", before.mfa(), next.mfa());
    check(names, "sync", before.served().sync(), next.served().sync());
    check(names, "sts", before.sts(), next.sts());
    return names;
  }

  private static void check(List<String> names, String name, Object before, Object next) {
    if (!Objects.equals(before, next)) {
      names.add(name);
    }
  }
}

package dev.rolekeeper.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a reload of the AWS files cannot apply to the running daemon, said exactly: the {@code mfa_process} commands
 * of profiles (the prompt commands are fixed at start). Settings that need a restart are named by
 * {@link Reloader#needingRestart}.
 */
final class RestartNeeded {

  private RestartNeeded() {}

  /** The warning for a reload from {@code before} to {@code after}, if it changed something that needs a restart. */
  static Optional<String> afterReload(ServedPlans before, ServedPlans after) {
    List<String> parts = new ArrayList<>();
    TreeSet<String> devices = new TreeSet<>(before.deviceProcesses().keySet());
    devices.addAll(after.deviceProcesses().keySet());
    devices.removeIf(device -> Objects.equals(before.deviceProcesses().get(device),
        after.deviceProcesses().get(device)));
    if (!devices.isEmpty()) {
      parts.add("the mfa_process of the profiles on " + String.join(", ", devices)
          + " (prompts keep the commands read at start)");
    }
    return parts.isEmpty() ? Optional.empty()
        : Optional.of("Reloaded, but these apply only after a restart: " + String.join("; ", parts)
            + ": restart rolekeeper to use them");
  }
}

package dev.rolekeeper.mfa;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MFA part of the daemon's settings.
 *
 * @param ways the ways in, in order (config words {@code notification, web, cli, process})
 * @param promptTimeout how long a prompt waits for a code before the sessions are told none came
 * @param mfaProcess the {@code mfa_process} command, run by {@code sh -c}; empty when not
 *     configured
 * @param processTimeout how long {@code mfa_process} may run before it is killed
 * @param deviceProcesses {@code mfa_process} commands from AWS profiles, by MFA device
 *     (mfa_serial): used for that device instead of {@code mfaProcess}
 */
public record MfaSettings(
    List<PromptWay> ways,
    Duration promptTimeout,
    Optional<String> mfaProcess,
    Duration processTimeout,
    Map<String, String> deviceProcesses) {

  public MfaSettings {
    ways = List.copyOf(ways);
    Objects.requireNonNull(promptTimeout, "promptTimeout");
    Objects.requireNonNull(processTimeout, "processTimeout");
    mfaProcess = mfaProcess.filter(command -> !command.isBlank());
    deviceProcesses =
        deviceProcesses.entrySet().stream()
            .filter(e -> !e.getValue().isBlank())
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    if (ways.contains(PromptWay.PROCESS) && mfaProcess.isEmpty() && deviceProcesses.isEmpty()) {
      throw new IllegalArgumentException(
          "MFA way 'process' is listed but no mfa_process command is set: set mfa_process or drop 'process'");
    }
  }

  /**
   * The MFA settings of {@code mfa}, with the profiles' own {@code mfa_process} commands. The
   * {@code process} way is dropped when no command is set anywhere, so the default list of ways
   * works without one.
   */
  public static MfaSettings from(Settings.Mfa mfa, Map<String, String> deviceProcesses) {
    List<PromptWay> ways =
        mfa.process().isPresent() || !deviceProcesses.isEmpty()
            ? mfa.prompts()
            : mfa.prompts().stream().filter(w -> w != PromptWay.PROCESS).toList();
    return new MfaSettings(
        ways, mfa.promptTimeout(), mfa.process(), mfa.processTimeout(), deviceProcesses);
  }

  /** Settings without per-device commands. */
  public MfaSettings(
      List<PromptWay> ways,
      Duration promptTimeout,
      Optional<String> mfaProcess,
      Duration processTimeout) {
    this(ways, promptTimeout, mfaProcess, processTimeout, Map.of());
  }

  /** Whether any {@code mfa_process} command is configured, for any device. */
  public boolean hasProcess() {
    return mfaProcess.isPresent() || !deviceProcesses.isEmpty();
  }

  /** The command for {@code device}: its profile's {@code mfa_process}, else the settings' one. */
  public Optional<String> processFor(String device) {
    return Optional.ofNullable(deviceProcesses.get(device)).or(() -> mfaProcess);
  }
}

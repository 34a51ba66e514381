package dev.rolekeeper.mfa;

import dev.rolekeeper.config.PromptWay;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The MFA part of the daemon's settings.
 *
 * @param ways the ways in, in order (config words {@code notification, web, cli, process})
 * @param promptTimeout how long a prompt waits for a code before failing with {@link PromptTimedOut}
 * @param mfaProcess the {@code mfa_process} command, run by {@code sh -c}; empty when not configured
 * @param processTimeout how long {@code mfa_process} may run before it is killed
 */
public record MfaSettings(
    List<PromptWay> ways, Duration promptTimeout, Optional<String> mfaProcess, Duration processTimeout) {

  public MfaSettings {
    ways = List.copyOf(ways);
    Objects.requireNonNull(promptTimeout, "promptTimeout");
    Objects.requireNonNull(processTimeout, "processTimeout");
    mfaProcess = mfaProcess.filter(command -> !command.isBlank());
    if (ways.contains(PromptWay.PROCESS) && mfaProcess.isEmpty()) {
      throw new IllegalArgumentException(
          "MFA way 'process' is listed but no mfa_process command is set: set mfa_process or drop 'process'");
    }
  }
}

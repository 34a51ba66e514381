package dev.rolekeeper.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The words every prompter shows: who needs a code from which device, and by when. No secrets. */
final class PromptText {

  static final String TITLE = "rolekeeper: MFA code needed";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private PromptText() {}

  /**
   * E.g. "Profiles prod, admin need a code from arn:…:mfa/me. The session ends at 14:05 (in 9
   * min)."
   */
  static String body(MfaPrompt prompt, Clock clock) {
    String who =
        prompt.profiles().size() == 1
            ? "Profile " + prompt.profileList() + " needs"
            : "Profiles " + prompt.profileList() + " need";
    StringBuilder text =
        new StringBuilder()
            .append(who)
            .append(" a code from ")
            .append(prompt.device())
            .append('.')
            .append(' ')
            .append(when(prompt, clock))
            .append('.');
    if (!prompt.reason().isBlank()) {
      text.append(" Why: ").append(prompt.reason()).append('.');
    }
    return text.toString();
  }

  private static String when(MfaPrompt prompt, Clock clock) {
    if (prompt.sessionEnds() == null) {
      return "No session is held yet: clients get none until the code is given";
    }
    Duration left = Duration.between(clock.instant(), prompt.sessionEnds());
    String at = "at " + TIME.format(prompt.sessionEnds().atZone(zone(clock)));
    if (left.isNegative() || left.isZero()) {
      return "The session ended " + at;
    }
    return "The session ends " + at + " (in " + Math.max(1, left.toMinutes()) + " min)";
  }

  private static ZoneId zone(Clock clock) {
    return clock.getZone();
  }
}

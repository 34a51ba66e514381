package dev.rolekeeper.config;

import static dev.rolekeeper.config.ConfigKeys.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code mfa} section: the session length GetSessionToken accepts (15m..36h) and the prompt
 * ways to try, in order, each once.
 */
final class MfaSettingsParser {

  private static final Duration MIN_MFA_SESSION = Duration.ofMinutes(15);
  private static final Duration MAX_MFA_SESSION = Duration.ofHours(36);

  private MfaSettingsParser() {}

  static Settings.Mfa parse(SettingsReader r) {
    Duration session = r.duration(MFA_SESSION_DURATION);
    if (session.compareTo(MIN_MFA_SESSION) < 0 || session.compareTo(MAX_MFA_SESSION) > 0) {
      throw r.error(
          MFA_SESSION_DURATION, session + " is outside what GetSessionToken allows (15m to 36h)");
    }
    return new Settings.Mfa(
        r.duration(MFA_LEAD_TIME),
        prompts(r),
        r.positiveDuration(MFA_PROMPT_TIMEOUT),
        session,
        r.optionalString(MFA_PROCESS),
        r.positiveDuration(MFA_PROCESS_TIMEOUT));
  }

  private static List<PromptWay> prompts(SettingsReader r) {
    List<PromptWay> ways = new ArrayList<>();
    for (String word : r.stringList(MFA_PROMPTS)) {
      PromptWay way =
          PromptWay.of(word)
              .orElseThrow(
                  () ->
                      r.error(
                          MFA_PROMPTS,
                          "'"
                              + word
                              + "' is not a prompt way; use "
                              + Arrays.stream(PromptWay.values())
                                  .map(PromptWay::word)
                                  .collect(Collectors.joining(", "))));
      if (ways.contains(way)) {
        throw r.error(MFA_PROMPTS, "'" + word + "' is listed twice");
      }
      ways.add(way);
    }
    if (ways.isEmpty()) {
      throw r.error(MFA_PROMPTS, "is empty; name at least one way to ask for MFA codes");
    }
    return ways;
  }
}

package dev.rolekeeper.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request for one MFA code: which device, who is waiting, by when, and why. Holds no secret.
 *
 * @param device the MFA device serial number or ARN (the profile's {@code mfa_serial})
 * @param profiles the profiles waiting for a code from this device, in first-asked order, never
 *     empty
 * @param sessionEnds when the earliest of their current sessions ends (what the user is racing
 *     against), or null when none of them holds a session yet (a first fetch: clients get 503 until
 *     a code comes)
 * @param reason why a code is needed, shown to the user, e.g. "a new 12-hour MFA session is due"
 */
public record MfaPrompt(String device, List<String> profiles, Instant sessionEnds, String reason) {

  /** Reason for a prompt raised because STS answered AccessDenied to the last code. */
  public static final String REASON_CODE_REFUSED =
      "the previous code was refused by STS; enter a new one";

  /** Reason for a prompt raised right after a code was used: the same code would be refused. */
  public static final String REASON_CODE_USED =
      "the last code was just used; wait for the next one";

  /** Reason for a prompt that starts a new GetSessionToken MFA session. */
  public static final String REASON_NEW_SESSION = "a new MFA session is due";

  public MfaPrompt {
    if (device == null || device.isBlank()) {
      throw new IllegalArgumentException("an MFA prompt needs the MFA device (mfa_serial)");
    }
    if (profiles == null || profiles.isEmpty()) {
      throw new IllegalArgumentException(
          "an MFA prompt for " + device + " needs at least one profile");
    }
    profiles = List.copyOf(new LinkedHashSet<>(profiles));
    reason = reason == null ? "" : reason;
  }

  /**
   * This prompt joined by {@code other} for the same device: profiles merged, the earlier end kept,
   * and the newer reason kept when it says something.
   */
  public MfaPrompt joinedWith(MfaPrompt other) {
    if (!device.equals(other.device)) {
      throw new IllegalArgumentException(
          "cannot join prompts for " + device + " and " + other.device);
    }
    Set<String> merged = new LinkedHashSet<>(profiles);
    merged.addAll(other.profiles);
    Instant earlier =
        sessionEnds == null || other.sessionEnds == null
            ? null
            : sessionEnds.isBefore(other.sessionEnds) ? sessionEnds : other.sessionEnds;
    String newerReason = other.reason.isBlank() ? reason : other.reason;
    return new MfaPrompt(device, List.copyOf(merged), earlier, newerReason);
  }

  /** The profile names joined with ", " for messages. */
  public String profileList() {
    return String.join(", ", profiles);
  }

  /** The title every prompter shows. */
  static final String TITLE = "rolekeeper: MFA code needed";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  /**
   * The words every prompter shows: who needs a code from which device, and by when (in the zone of
   * {@code clock}). No secrets. E.g. "Profiles prod, admin need a code from arn:…:mfa/me. The
   * session ends at 14:05 (in 9 min)."
   */
  String text(Clock clock) {
    String who =
        profiles.size() == 1
            ? "Profile " + profileList() + " needs"
            : "Profiles " + profileList() + " need";
    String text = who + " a code from " + device + ". " + when(clock) + ".";
    return reason.isBlank() ? text : text + " Why: " + reason + ".";
  }

  private String when(Clock clock) {
    if (sessionEnds == null) {
      return "No session is held yet: clients get none until the code is given";
    }
    Duration left = Duration.between(clock.instant(), sessionEnds);
    String at = "at " + TIME.format(sessionEnds.atZone(clock.getZone()));
    if (left.isNegative() || left.isZero()) {
      return "The session ended " + at;
    }
    return "The session ends " + at + " (in " + Math.max(1, left.toMinutes()) + " min)";
  }
}

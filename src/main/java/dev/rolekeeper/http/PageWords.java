package dev.rolekeeper.http;

import dev.rolekeeper.http.MfaPageHtml.Notice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The page's words: its fixed sentences (what happened, and what a person can do next), and moments
 * as it shows them.
 */
final class PageWords {

  static final String EXPIRED =
      "This MFA link is no longer valid: a code was accepted through it, or its request"
          + " ended.";
  static final String EXPIRED_NEXT =
      "If rolekeeper still needs a code, use the link from its newest notification or"
          + " log line, or run `rolekeeper mfa` in a terminal and type it.";
  static final String LOCKED =
      "Too many refused codes: this link is locked, so nobody can keep guessing codes"
          + " through it.";
  static final String LOCKED_NEXT =
      "Wait for the next code from your authenticator app, then run `rolekeeper mfa`"
          + " in a terminal and type it, or use the new link that rolekeeper's next notification brings. `rolekeeper status` shows"
          + " whether a code is still wanted.";
  static final String CHECKING =
      "STS is checking the code that was just sent. Reload this page in a moment to see"
          + " the answer.";
  static final String NOT_ASKING =
      "rolekeeper is not asking for a code on this link right now. When it needs one, it"
          + " says so in a notification (with a link) and in its log; `rolekeeper status` shows what each profile waits"
          + " for, and `rolekeeper refresh PROFILE` starts a new try at once.";
  static final String REFUSED_NEXT =
      "Wait for the next code from your authenticator app and try again.";
  static final String JUST_USED = "This code was just used, and a code works only once.";
  static final String JUST_USED_NEXT =
      "Wait for the next code from your authenticator app (it changes every 30"
          + " seconds) and enter that one.";
  static final String MALFORMED = "The code must be exactly 6 digits.";
  static final String STALE_FORM =
      "This form is out of date or was not sent by this page. Reload the page and enter"
          + " the code again.";
  static final String NO_VERDICT =
      "The code was handed on, but STS has not answered within %d seconds.";
  static final String NO_VERDICT_NEXT =
      "Reload this page in a moment: it shows whether a code is still needed.";
  static final String ACCEPTED_NEXT = "No code is needed before then. You can close this tab.";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE HH:mm");

  private PageWords() {}

  /** {@code when} in local clock time and how far away from now, e.g. "14:05 (in 9 min)". */
  static String when(Clock clock, Instant when) {
    Duration left = Duration.between(clock.instant(), when);
    String at = (left.toHours() >= 20 ? DATE_TIME : TIME).format(when.atZone(clock.getZone()));
    if (left.isNegative() || left.isZero()) {
      return at + " (" + span(left.negated()) + " ago)";
    }
    return at + " (in " + span(left) + ")";
  }

  private static String span(Duration d) {
    if (d.toMinutes() < 1) {
      return d.toSeconds() + " s";
    }
    if (d.toHours() < 2) {
      return d.toMinutes() + " min";
    }
    long minutes = d.toMinutesPart();
    return d.toHours() + " h" + (minutes == 0 ? "" : " " + minutes + " min");
  }

  /** The page of an unknown or spent link (404). */
  static String expired() {
    return MfaPageHtml.message("Link expired", Notice.problem(EXPIRED), EXPIRED_NEXT);
  }

  /** The locked page (429), after {@code why} (the last refusal; may be empty). */
  static String locked(String why) {
    String text = why.isEmpty() ? LOCKED : why + " " + LOCKED;
    return MfaPageHtml.message("Link locked", Notice.problem(text), LOCKED_NEXT);
  }
}

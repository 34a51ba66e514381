package dev.rolekeeper.session;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Where sessions get MFA codes: the prompts of the {@code mfa} package. One pending request per
 * device; concurrent requests for one device share the answer.
 */
public interface CodeSource {

  /**
   * Asks for a code.
   *
   * @param device the MFA device serial
   * @param profiles the profiles waiting on it
   * @param sessionEnds when the credentials now served for them run out (null when none are held)
   * @param reason why a code is needed, for the person asked
   * @return the 6-digit code, or a failure when nobody answered in time
   */
  Future<String> requestCode(
      String device, List<String> profiles, Instant sessionEnds, String reason);

  /**
   * Told what STS made of the last code given for {@code device}, so whoever typed it can be told:
   * accepted (the session it opened ends at {@code until}), refused by STS, or not checked (STS
   * unreachable, a non-MFA refusal).
   */
  default void verdict(String device, CodeVerdict verdict) {}

  /**
   * What became of a code once it was tried: told to the prompts, and by them to whoever typed the
   * code. Holds no secret.
   */
  sealed interface CodeVerdict {
    /** STS took the code; the session it opened ends at {@code until}. */
    record Accepted(Instant until) implements CodeVerdict {}

    /** STS refused the code (wrong, expired or already used); {@code why} is its message. */
    record Refused(String why) implements CodeVerdict {}

    /** The call with the code failed for another reason; {@code why} says which. */
    record NotChecked(String why) implements CodeVerdict {}
  }

  /** A source that never has a code: profiles needing MFA report {@code MfaRequired}. */
  static CodeSource none() {
    return (device, profiles, ends, reason) ->
        Future.failedFuture(
            new MfaUnavailableException("no way to ask for an MFA code is configured"));
  }

  /** No code came: the prompt timed out, or no way to ask exists. */
  final class MfaUnavailableException extends RuntimeException {
    public MfaUnavailableException(String message) {
      super(message, null, false, false);
    }
  }
}

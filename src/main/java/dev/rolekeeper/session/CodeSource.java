package dev.rolekeeper.session;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Where sessions get MFA codes: the prompts of the {@code mfa} package. One pending request per device; concurrent
 * requests for one device share the answer.
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
  Future<String> requestCode(String device, List<String> profiles, Instant sessionEnds, String reason);

  /** A source that never has a code: profiles needing MFA report {@code MfaRequired}. */
  static CodeSource none() {
    return (device, profiles, ends, reason) -> Future.failedFuture(
        new MfaUnavailableException("no way to ask for an MFA code is configured"));
  }

  /** No code came: the prompt timed out, or no way to ask exists. */
  final class MfaUnavailableException extends RuntimeException {
    public MfaUnavailableException(String message) {
      super(message, null, false, false);
    }
  }
}

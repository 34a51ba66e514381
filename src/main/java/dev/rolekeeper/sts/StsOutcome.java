package dev.rolekeeper.sts;

import dev.rolekeeper.credentials.AwsCredentials;

/** What one STS call came to: credentials, or a failure the session layer can act on. */
public sealed interface StsOutcome {

  /**
   * STS issued credentials.
   *
   * @param credentials the temporary credentials
   * @param principalArn the ARN they act as: the assumed-role ARN, or the user ARN for
   *     GetSessionToken (may be null)
   */
  record Issued(AwsCredentials credentials, String principalArn) implements StsOutcome {}

  /**
   * STS (or the way to it) failed.
   *
   * @param kind what the caller should do about it
   * @param code the STS error code, or a code of ours such as {@code Unreachable}
   * @param message a message for a person, free of secrets
   */
  record Failed(FailureKind kind, String code, String message) implements StsOutcome {
    @Override
    public String toString() {
      return code + " (" + kind + "): " + message;
    }
  }

  /** How a failure should be handled. */
  enum FailureKind {
    /** Throttling, 5xx, network trouble: try again later with backoff. */
    RETRYABLE,
    /** STS refused the MFA code: ask for another one. */
    MFA_REJECTED,
    /** The source credentials are temporary and have expired: renew them first. */
    SOURCE_EXPIRED,
    /**
     * Denied, invalid keys, invalid request: retrying will not help until the user changes
     * something.
     */
    FATAL
  }
}

package dev.rolekeeper.sandbox;

import java.time.Instant;

/**
 * Keys the simulator knows: a user's long-term keys ({@code sessionToken} and {@code expiration}
 * null) or a session it issued. Redacts its secrets in {@link #toString()}.
 */
record IssuedCredential(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    Principal principal) {

  boolean isTemporary() {
    return sessionToken != null;
  }

  boolean isExpiredAt(Instant now) {
    return expiration != null && !now.isBefore(expiration);
  }

  @Override
  public String toString() {
    return "IssuedCredential[accessKeyId="
        + accessKeyId
        + ", expiration="
        + expiration
        + ", principal="
        + principal.arn()
        + "]";
  }
}

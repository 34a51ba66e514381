package dev.rolekeeper.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of AWS keys: long-term (no session token, no expiration), temporary from STS (both
 * present), or a session token of unknown life as found in a credentials file (token, no
 * expiration).
 *
 * <p>Holds secrets, so {@link #toString()} shows only the access key id and the expiration.
 *
 * @param accessKeyId the access key id, never blank
 * @param secretAccessKey the secret key, never blank
 * @param sessionToken the session token, or {@code null} for long-term keys
 * @param expiration when temporary keys stop working, or {@code null} when unknown or never
 * @param accountId the account the keys belong to, or {@code null} when unknown
 */
public record AwsCredentials(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    String accountId) {

  public AwsCredentials {
    requireText(accessKeyId, "accessKeyId");
    requireText(secretAccessKey, "secretAccessKey");
    if (expiration != null && sessionToken == null) {
      throw new IllegalArgumentException("credentials with an expiration need a session token");
    }
  }

  /** Long-term keys, as read from a credentials file. */
  public static AwsCredentials longTerm(String accessKeyId, String secretAccessKey) {
    return new AwsCredentials(accessKeyId, secretAccessKey, null, null, null);
  }

  public boolean isTemporary() {
    return sessionToken != null;
  }

  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiration);
  }

  /** Time left at {@code now}; long-term keys never run out. */
  public Duration remaining(Instant now) {
    return expiration == null ? Duration.ofDays(36500) : Duration.between(now, expiration);
  }

  public boolean isExpiredAt(Instant now) {
    return expiration != null && !now.isBefore(expiration);
  }

  @Override
  public String toString() {
    return "AwsCredentials[accessKeyId="
        + accessKeyId
        + ", temporary="
        + isTemporary()
        + ", expiration="
        + expiration
        + ", accountId="
        + accountId
        + "]";
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
  }
}

package dev.rolekeeper.sandbox;

import java.time.Instant;

/**
 * What a finished sign-in hands a client: the tokens and the client registration they belong to.
 * Tests use it as the token {@code aws sso login} would have left in the cache. Redacts its secrets
 * in {@link #toString()}.
 *
 * @param accessToken the bearer token for the portal
 * @param expiresAt when the access token stops working
 * @param refreshToken the refresh token, or {@code null} when the client did not register for the
 *     refresh grant
 * @param clientId the registered client
 * @param clientSecret the client's secret
 * @param registrationExpiresAt when the client registration ends
 */
public record SsoGrant(
    String accessToken,
    Instant expiresAt,
    String refreshToken,
    String clientId,
    String clientSecret,
    Instant registrationExpiresAt) {

  @Override
  public String toString() {
    return "SsoGrant[clientId="
        + clientId
        + ", expiresAt="
        + expiresAt
        + ", refreshable="
        + (refreshToken != null)
        + "]";
  }
}

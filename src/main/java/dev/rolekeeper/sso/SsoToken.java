package dev.rolekeeper.sso;

import java.time.Instant;

/**
 * One entry of the AWS CLI's SSO token cache: the access token a sign-in produced, how to refresh
 * it, and the client registration both belong to. Holds secrets, so {@link #toString()} shows only
 * times and the start URL.
 *
 * @param accessToken the portal bearer token
 * @param expiresAt when the access token stops working
 * @param refreshToken the refresh token, or {@code null} (legacy sign-ins have none)
 * @param client the registered OIDC client, or {@code null} when the entry names none with its
 *     secret
 * @param region the Identity Center region
 * @param startUrl the portal start URL
 */
public record SsoToken(
    String accessToken,
    Instant expiresAt,
    String refreshToken,
    Registration client,
    String region,
    String startUrl) {

  /** Whether {@code CreateToken} with the refresh grant can renew this token at {@code now}. */
  public boolean refreshableAt(Instant now) {
    return refreshToken != null
        && client != null
        && (client.expiresAt() == null || client.expiresAt().isAfter(now));
  }

  public boolean validAt(Instant when) {
    return accessToken != null && expiresAt != null && expiresAt.isAfter(when);
  }

  /**
   * The same registration with a new access token (and the refresh token the service returned, if
   * any).
   */
  public SsoToken renewed(String newAccessToken, Instant newExpiresAt, String newRefreshToken) {
    return new SsoToken(
        newAccessToken,
        newExpiresAt,
        newRefreshToken != null ? newRefreshToken : refreshToken,
        client,
        region,
        startUrl);
  }

  @Override
  public String toString() {
    return "SsoToken[startUrl="
        + startUrl
        + ", expiresAt="
        + expiresAt
        + ", refreshable="
        + (refreshToken != null)
        + ", registrationExpiresAt="
        + (client == null ? null : client.expiresAt())
        + "]";
  }

  /**
   * An OIDC client registration. Redacts its secret.
   *
   * @param expiresAt when the registration ends, or {@code null} when not known
   */
  public record Registration(String clientId, String clientSecret, Instant expiresAt) {
    @Override
    public String toString() {
      return "Registration[" + clientId + ", expires " + expiresAt + "]";
    }
  }
}

package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.RandomTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The access and refresh tokens the simulated OIDC service issued: refresh tokens are bound to the
 * client they were issued to and stay valid until the SSO sessions end. Thread-safe.
 */
final class SsoTokens {

  private final Clock clock;
  private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final AtomicInteger accessTokenSeconds = new AtomicInteger(3600);

  SsoTokens(Clock clock) {
    this.clock = clock;
  }

  void accessTokenSeconds(int seconds) {
    accessTokenSeconds.set(seconds);
  }

  void endSessions() {
    refreshTokens.clear();
    accessTokens.clear();
  }

  void expireAccessTokens() {
    accessTokens.replaceAll((token, expiry) -> clock.instant());
  }

  SsoGrant grant(OidcClients.Client client) {
    Instant expiresAt = clock.instant().plusSeconds(accessTokenSeconds.get());
    String access = "aoa" + RandomTokens.urlSafe(48);
    accessTokens.put(access, expiresAt);
    String refresh = null;
    if (client.refreshable()) {
      refresh = "aor" + RandomTokens.urlSafe(48);
      refreshTokens.put(refresh, client.id());
    }
    return new SsoGrant(
        access, expiresAt, refresh, client.id(), client.secret(), client.expiresAt());
  }

  /**
   * A new access token for a refresh token of {@code client} (the refresh token stays valid), or
   * empty.
   */
  Optional<SsoGrant> refresh(OidcClients.Client client, String refreshToken) {
    if (refreshToken == null || !client.id().equals(refreshTokens.get(refreshToken))) {
      return Optional.empty();
    }
    Instant expiresAt = clock.instant().plusSeconds(accessTokenSeconds.get());
    String access = "aoa" + RandomTokens.urlSafe(48);
    accessTokens.put(access, expiresAt);
    return Optional.of(
        new SsoGrant(
            access, expiresAt, refreshToken, client.id(), client.secret(), client.expiresAt()));
  }

  boolean validAccessToken(String accessToken) {
    Instant expiry = accessTokens.get(accessToken == null ? "" : accessToken);
    return expiry != null && clock.instant().isBefore(expiry);
  }
}

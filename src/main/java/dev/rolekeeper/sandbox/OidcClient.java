package dev.rolekeeper.sandbox;

import java.time.Instant;

/** A registered OIDC client. */
record OidcClient(
    String id,
    String secret,
    String name,
    boolean refreshable,
    Instant issuedAt,
    Instant expiresAt) {
  // The secret must not reach logs or assertion messages.
  @Override
  public String toString() {
    return "Client[" + id + "]";
  }
}

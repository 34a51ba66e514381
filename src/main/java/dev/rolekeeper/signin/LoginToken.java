package dev.rolekeeper.signin;

import dev.rolekeeper.credentials.AwsCredentials;
import java.util.Objects;

/**
 * One console sign-in session as the AWS CLI's login cache holds it: the temporary credentials
 * (with their expiry and account), the DPoP-bound refresh token, the client it was issued to, the
 * DPoP private key, and the ID token from the sign-in (absent once an SDK rewrote the file). Holds
 * secrets: {@link #toString()} shows only the access key id and the expiry.
 *
 * @param credentials the session's keys; expiration and account id always set
 * @param refreshToken the refresh token (rotated by every refresh)
 * @param clientId the Sign-In client, e.g. {@code arn:aws:signin:::devtools/same-device}
 * @param dpopKey the DPoP key, a SEC1 {@code EC PRIVATE KEY} PEM with curve and public key
 * @param idToken the sign-in's ID token (a JWT), or null
 */
public record LoginToken(
    AwsCredentials credentials,
    String refreshToken,
    String clientId,
    String dpopKey,
    String idToken) {

  public LoginToken {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(credentials.expiration(), "credentials.expiration");
    Objects.requireNonNull(credentials.accountId(), "credentials.accountId");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(dpopKey, "dpopKey");
  }

  @Override
  public String toString() {
    return "LoginToken[accessKeyId="
        + credentials.accessKeyId()
        + ", expires="
        + credentials.expiration()
        + ", clientId="
        + clientId
        + "]";
  }
}

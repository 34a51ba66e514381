package dev.rolekeeper.signin;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.ConsoleSignIns;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.KeyPair;
import java.time.Instant;

/**
 * What {@code aws login} leaves for the login cache after a sign-in to a running simulator (the
 * browser approves, the code is redeemed with a fresh DPoP key), for tests of other packages that
 * start from a cached session. The simulator must run on the wall clock (the proofs carry it).
 */
public final class AwsLoginTokens {

  private AwsLoginTokens() {}

  /**
   * Signs in as the simulator's console user.
   *
   * @param expiresAt when the cached credentials are said to expire, or null for the sign-in's own
   *     expiry (the simulator's credentials may outlive what the cache says, never the reverse)
   */
  public static LoginToken signIn(URI endpoint, Instant expiresAt) throws Exception {
    KeyPair key = DpopKeys.generate();
    JsonObject answer = ConsoleSignIns.signIn(endpoint, key);
    JsonObject access = answer.getJsonObject("accessToken");
    IdToken id = IdToken.decode(answer.getString("idToken"));
    return new LoginToken(
        new AwsCredentials(
            access.getString("accessKeyId"),
            access.getString("secretAccessKey"),
            access.getString("sessionToken"),
            expiresAt != null
                ? expiresAt
                : Instant.now().plusSeconds(answer.getInteger("expiresIn")),
            id.accountId()),
        answer.getString("refreshToken"),
        SignInRequest.CLIENT_ID,
        DpopKeys.sec1Pem(key),
        answer.getString("idToken"));
  }
}

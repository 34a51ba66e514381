package dev.rolekeeper.sandbox;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.UUID;

/**
 * A console sign-in against a running simulator, for tests outside this package that need a real
 * session (the SDK oracles): the person at the browser approves, and the code is redeemed with a
 * DPoP proof by the given key, as {@code aws login} does ({@link SigninBrowser}, {@link
 * DpopProofs}). The proof's {@code iat} is the wall clock, so the simulator must run on it too.
 */
public final class ConsoleSignIns {

  private ConsoleSignIns() {}

  /**
   * Signs in as the simulator's console user ({@code SigninDirectory.userArn()}) with {@code key}
   * as the session's DPoP key.
   *
   * @return Sign-In's token response: {@code accessToken{accessKeyId, secretAccessKey,
   *     sessionToken}}, {@code expiresIn}, {@code refreshToken}, {@code idToken} (secrets: never
   *     print it)
   */
  public static JsonObject signIn(URI endpoint, KeyPair key) throws Exception {
    SigninBrowser browser = new SigninBrowser(endpoint);
    String code = browser.approve();
    String proof =
        DpopProofs.proof(
            key, "POST", browser.tokenUrl(), Instant.now(), UUID.randomUUID().toString());
    HttpResponse<String> answer = browser.token(browser.codeGrant(code, browser.verifier), proof);
    if (answer.statusCode() != 200) {
      // A refusal's body is Sign-In's error, which holds no secret.
      throw new IllegalStateException(
          "the simulator refused the sign-in: " + answer.statusCode() + " " + answer.body());
    }
    return new JsonObject(answer.body());
  }
}

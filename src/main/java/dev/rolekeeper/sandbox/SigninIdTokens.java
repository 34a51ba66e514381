package dev.rolekeeper.sandbox;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * The simulated Sign-In service's ID tokens: ES256 JWTs naming the signed-in principal, with a key
 * of their own. The CLI reads {@code sub} (without checking the signature) as the session's {@code
 * login_session}, and {@code iat} tells when the sign-in was. Thread-safe.
 */
final class SigninIdTokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final KeyPair key = newKey();

  /** An ID token for {@code principal}, issued to {@code clientId} at {@code now}. */
  String mint(String principal, String clientId, Instant now, int lifeSeconds) {
    String header = encode(new JsonObject().put("alg", "ES256").put("typ", "JWT"));
    String claims =
        encode(
            new JsonObject()
                .put("sub", principal)
                .put("session_arn", principal)
                .put("aud", clientId)
                .put("iss", "https://signin.aws.amazon.com")
                .put("iat", now.getEpochSecond())
                .put("exp", now.plusSeconds(lifeSeconds).getEpochSecond()));
    try {
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(key.getPrivate());
      signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
      return header + "." + claims + "." + B64.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 is missing from this JVM", e);
    }
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC keys are missing from this JVM", e);
    }
  }
}

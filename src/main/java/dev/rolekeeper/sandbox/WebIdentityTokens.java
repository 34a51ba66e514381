package dev.rolekeeper.sandbox;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's OpenID Connect identity provider: it issues web identity tokens (JWTs signed
 * HS256 with a key only it holds) and checks those sent to AssumeRoleWithWebIdentity as STS checks
 * a registered provider's: signature, issuer, audience, expiry. A token it did not sign, or one for
 * another issuer or audience, is {@code InvalidIdentityToken}; an expired one {@code
 * ExpiredTokenException}; while {@link #unreachable} is on, every check is {@code
 * IDPCommunicationError} (STS could not fetch the provider's keys). Thread-safe.
 */
public final class WebIdentityTokens {

  /** The provider's issuer URL (the {@code iss} claim). */
  public static final String ISSUER = "https://oidc.sandbox.example";

  /** The audience (client id) registered with the provider, as EKS and most CI systems use. */
  public static final String AUDIENCE = "sts.amazonaws.com";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key = new byte[32];
  private volatile boolean unreachable;

  WebIdentityTokens() {
    new SecureRandom().nextBytes(key);
  }

  /** The provider's ARN in {@code account}: what a role's trust names to accept its tokens. */
  public static String providerArn(String account) {
    return "arn:aws:iam::" + account + ":oidc-provider/" + ISSUER.substring("https://".length());
  }

  /** A token for {@code subject}, valid from {@code now} for {@code life}. */
  public String issue(String subject, Instant now, Duration life) {
    return issue(subject, ISSUER, AUDIENCE, now, life);
  }

  /** A token with the given claims, for tests of wrong issuers and audiences. */
  public String issue(String subject, String issuer, String audience, Instant now, Duration life) {
    String header = encode(new JsonObject().put("alg", "HS256").put("typ", "JWT"));
    String payload =
        encode(
            new JsonObject()
                .put("iss", issuer)
                .put("sub", subject)
                .put("aud", audience)
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(life).getEpochSecond()));
    return header + "." + payload + "." + B64.encodeToString(sign(header + "." + payload));
  }

  /** While on, STS cannot reach the provider: every token is refused as IDPCommunicationError. */
  public void unreachable(boolean down) {
    unreachable = down;
  }

  /** What a check found: the token's subject, or STS's error. */
  sealed interface Verdict permits Valid, Refused {}

  record Valid(String subject) implements Verdict {}

  record Refused(StsError error) implements Verdict {}

  Verdict check(String token, Instant now) {
    if (unreachable) {
      return new Refused(
          new StsError(
              400,
              "Sender",
              "IDPCommunicationError",
              "Couldn't retrieve verification key from your identity provider,  please reference"
                  + " AssumeRoleWithWebIdentity documentation for requirements"));
    }
    String[] parts = token.split("\\.", -1);
    JsonObject claims;
    try {
      if (parts.length != 3) {
        return notJwt();
      }
      claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), UTF8));
      if (!MessageDigest.isEqual(
          sign(parts[0] + "." + parts[1]), Base64.getUrlDecoder().decode(parts[2]))) {
        return invalid("Couldn't verify the signature of the token");
      }
    } catch (IllegalArgumentException | DecodeException e) {
      return notJwt();
    }
    if (!ISSUER.equals(claims.getValue("iss"))) {
      return invalid(
          "No OpenIDConnect provider found in your account for " + claims.getValue("iss"));
    }
    if (!AUDIENCE.equals(claims.getValue("aud"))) {
      return invalid("Incorrect token audience");
    }
    long exp = claims.getLong("exp", 0L);
    if (now.getEpochSecond() >= exp) {
      return new Refused(
          new StsError(
              400,
              "Sender",
              "ExpiredTokenException",
              "Token expired: current date/time "
                  + now.getEpochSecond()
                  + " must be before the expiration date/time"
                  + exp));
    }
    return new Valid(String.valueOf(claims.getValue("sub")));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static Refused notJwt() {
    return invalid(
        "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
  }

  private static Refused invalid(String message) {
    return new Refused(new StsError(400, "Sender", "InvalidIdentityToken", message));
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(UTF8));
  }

  private byte[] sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(UTF8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "WebIdentityTokens[" + ISSUER + "]";
  }
}

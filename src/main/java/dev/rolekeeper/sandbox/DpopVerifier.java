package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.Sha256;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Checks the DPoP proof (RFC 9449 §4.3) the Sign-In token operation requires, as the AWS CLI and
 * the Java SDK build it: one {@code DPoP} header holding a compact JWS with {@code typ=dpop+jwt},
 * {@code alg=ES256} and the public P-256 {@code jwk} in its header; a valid signature by that key;
 * claims {@code htm=POST}, {@code htu} equal to the simulator's token URL, {@code iat} within
 * {@link #MAX_SKEW} of the simulator's clock, and a {@code jti} never seen before. A valid proof
 * yields the key's RFC 7638 thumbprint, which refresh tokens are bound to. Thread-safe.
 */
final class DpopVerifier {

  /** How far {@code iat} may be from the simulator's clock, either way. */
  static final Duration MAX_SKEW = Duration.ofSeconds(60);

  private static final Base64.Decoder B64 = Base64.getUrlDecoder();
  private static final ECParameterSpec P256 = p256();

  private final Clock clock;
  private final Supplier<String> tokenUrl;

  /** jti → the proof's iat; kept until that proof could no longer pass the iat check. */
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  DpopVerifier(Clock clock, Supplier<String> tokenUrl) {
    this.clock = clock;
    this.tokenUrl = tokenUrl;
  }

  /** What a check found: the proving key's thumbprint, or the refusal to send. */
  sealed interface Check permits Key, SigninError {}

  record Key(String thumbprint) implements Check {}

  /** Checks the request's {@code DPoP} header values. */
  Check verify(List<String> headers) {
    if (headers.size() != 1) {
      return refused("Exactly one DPoP header is required");
    }
    try {
      return verify(headers.get(0));
    } catch (IllegalArgumentException
        | DecodeException
        | ClassCastException
        | GeneralSecurityException e) {
      return refused("The DPoP proof is malformed");
    }
  }

  private Check verify(String proof) throws GeneralSecurityException {
    String[] parts = proof.split("\\.", -1);
    if (parts.length != 3) {
      return refused("The DPoP proof is not a compact JWS");
    }
    JsonObject header = json(parts[0]);
    JsonObject claims = json(parts[1]);
    JsonObject jwk = header.getJsonObject("jwk");
    if (!"dpop+jwt".equals(header.getString("typ"))) {
      return refused("The DPoP proof typ must be dpop+jwt");
    }
    if (!"ES256".equals(header.getString("alg"))) {
      return refused("The DPoP proof alg must be ES256");
    }
    if (jwk == null
        || !"EC".equals(jwk.getString("kty"))
        || !"P-256".equals(jwk.getString("crv"))
        || jwk.containsKey("d")) {
      return refused("The DPoP proof jwk must be a public P-256 key");
    }
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initVerify(publicKey(jwk));
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!signature.verify(der(B64.decode(parts[2])))) {
      return refused("The DPoP proof signature is invalid");
    }
    if (!"POST".equals(claims.getString("htm"))) {
      return refused("The DPoP proof htm must be POST");
    }
    if (!tokenUrl.get().equals(claims.getString("htu"))) {
      return refused("The DPoP proof htu must be " + tokenUrl.get());
    }
    Instant now = clock.instant();
    Long iat = claims.getLong("iat");
    if (iat == null || Math.abs(now.getEpochSecond() - iat) > MAX_SKEW.toSeconds()) {
      return refused("The DPoP proof iat is outside the accepted window");
    }
    String jti = claims.getString("jti");
    if (jti == null || jti.isBlank()) {
      return refused("The DPoP proof jti is required");
    }
    seen.values().removeIf(issued -> issued.plus(MAX_SKEW).isBefore(now));
    if (seen.putIfAbsent(jti, Instant.ofEpochSecond(iat)) != null) {
      return refused("The DPoP proof jti was already used");
    }
    return new Key(thumbprint(jwk));
  }

  /** RFC 7638: SHA-256 of the required members in lexical order, base64url. */
  static String thumbprint(JsonObject jwk) {
    String canonical =
        new JsonObject()
            .put("crv", jwk.getString("crv"))
            .put("kty", jwk.getString("kty"))
            .put("x", jwk.getString("x"))
            .put("y", jwk.getString("y"))
            .encode();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Sha256.of(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * JWS carries an ES256 signature as raw R‖S (RFC 7518 §3.4); the JDK's verifier takes the DER
   * {@code SEQUENCE { INTEGER r, INTEGER s }}.
   */
  static byte[] der(byte[] raw) {
    if (raw.length != 64) {
      throw new IllegalArgumentException("an ES256 signature is 64 bytes");
    }
    byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(72);
    out.write(0x30);
    out.write(4 + r.length + s.length); // at most 70: the short length form suffices
    for (byte[] integer : List.of(r, s)) {
      out.write(0x02);
      out.write(integer.length);
      out.writeBytes(integer);
    }
    return out.toByteArray();
  }

  private static PublicKey publicKey(JsonObject jwk) throws GeneralSecurityException {
    // The Java SDK strips leading zero bytes from the coordinates, so shorter ones are valid.
    byte[] x = B64.decode(jwk.getString("x"));
    byte[] y = B64.decode(jwk.getString("y"));
    if (x.length == 0 || x.length > 32 || y.length == 0 || y.length > 32) {
      throw new IllegalArgumentException("a P-256 coordinate is at most 32 bytes");
    }
    ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
  }

  private static JsonObject json(String part) {
    return new JsonObject(new String(B64.decode(part), StandardCharsets.UTF_8));
  }

  private static SigninError refused(String message) {
    return SigninError.invalidRequest(message);
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("secp256r1 is missing from this JVM", e);
    }
  }
}

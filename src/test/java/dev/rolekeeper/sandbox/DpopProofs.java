package dev.rolekeeper.sandbox;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Builds DPoP proofs as the AWS CLI and SDKs do (ES256 JWS, {@code typ=dpop+jwt}, the public JWK in
 * the header, claims jti/htm/htu/iat) with the JDK alone, so tests can also build broken ones.
 */
final class DpopProofs {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private DpopProofs() {}

  static KeyPair newKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** The public JWK of {@code key}: 32-byte big-endian coordinates, base64url. */
  static JsonObject jwk(KeyPair key) {
    ECPublicKey pub = (ECPublicKey) key.getPublic();
    return new JsonObject()
        .put("kty", "EC")
        .put("x", B64.encodeToString(fixed32(pub.getW().getAffineX())))
        .put("y", B64.encodeToString(fixed32(pub.getW().getAffineY())))
        .put("crv", "P-256");
  }

  static String proof(KeyPair key, String htm, String htu, Instant iat, String jti)
      throws GeneralSecurityException {
    JsonObject header = new JsonObject().put("typ", "dpop+jwt").put("alg", "ES256");
    return proof(key, header.put("jwk", jwk(key)), htm, htu, iat, jti);
  }

  /** A proof with the given header (for wrong typ/alg/jwk), signed by {@code signer}. */
  static String proof(
      KeyPair signer, JsonObject header, String htm, String htu, Instant iat, String jti)
      throws GeneralSecurityException {
    JsonObject claims =
        new JsonObject()
            .put("jti", jti)
            .put("htm", htm)
            .put("htu", htu)
            .put("iat", iat.getEpochSecond());
    String input = encode(header) + "." + encode(claims);
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(signer.getPrivate());
    ecdsa.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64.encodeToString(raw(ecdsa.sign()));
  }

  /** JWS wants R‖S (32 bytes each); the JDK signs DER {@code SEQUENCE {INTEGER r, INTEGER s}}. */
  static byte[] raw(byte[] der) {
    int offset = der[1] == (byte) 0x81 ? 3 : 2; // sequence header, long form when over 127
    int rLength = der[offset + 1];
    byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength);
    int sStart = offset + 2 + rLength;
    byte[] s = Arrays.copyOfRange(der, sStart + 2, sStart + 2 + der[sStart + 1]);
    byte[] out = new byte[64];
    System.arraycopy(fixed32(new BigInteger(1, r)), 0, out, 0, 32);
    System.arraycopy(fixed32(new BigInteger(1, s)), 0, out, 32, 32);
    return out;
  }

  private static byte[] fixed32(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
    return out;
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}

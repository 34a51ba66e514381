package dev.rolekeeper.signin;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * DPoP keys of console sign-in sessions: a fresh P-256 key per sign-in, written as the login cache
 * holds it, a SEC1 (RFC 5915) {@code EC PRIVATE KEY} PEM with the curve and the public key, the one
 * form both the AWS CLI and the SDK for Java read. The JDK writes only PKCS#8, which the SDK
 * refuses, so the few DER bytes are put together here.
 */
public final class DpopKeys {

  /** {@code [0] { OID 1.2.840.10045.3.1.7 }}: the curve, P-256. */
  private static final byte[] CURVE = {
    (byte) 0xA0, 0x0A, 0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07
  };

  private DpopKeys() {}

  /** A new P-256 key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has P-256", e);
    }
  }

  /** {@code key} as a SEC1 PEM: version 1, the private scalar, the curve, the public point. */
  public static String sec1Pem(KeyPair key) {
    ECPrivateKey priv = (ECPrivateKey) key.getPrivate();
    ECPublicKey pub = (ECPublicKey) key.getPublic();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x01});
    body.writeBytes(new byte[] {0x04, 0x20});
    body.writeBytes(fixed32(priv.getS()));
    body.writeBytes(CURVE);
    body.writeBytes(new byte[] {(byte) 0xA1, 0x44, 0x03, 0x42, 0x00, 0x04});
    body.writeBytes(fixed32(pub.getW().getAffineX()));
    body.writeBytes(fixed32(pub.getW().getAffineY()));
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(0x30);
    der.write(body.size());
    der.writeBytes(body.toByteArray());
    return "-----BEGIN EC PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der.toByteArray())
        + "\n-----END EC PRIVATE KEY-----\n";
  }

  private static byte[] fixed32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}

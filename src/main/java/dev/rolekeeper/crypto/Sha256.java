package dev.rolekeeper.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests, which every Java runtime provides. */
public final class Sha256 {

  private Sha256() {}

  /** The 32-byte SHA-256 digest of {@code data}. */
  public static byte[] of(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The SHA-256 digest of {@code data} as 64 lower-case hex digits (the form SigV4 signs). */
  public static String hexOf(byte[] data) {
    return HexFormat.of().formatHex(of(data));
  }
}

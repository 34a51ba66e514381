package dev.rolekeeper.sandbox;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 4648 base32 (the alphabet MFA apps and {@code ykman} use for TOTP secrets).
 *
 * <p>Decoding ignores case, spaces and trailing {@code =} padding, because secrets are often shown
 * to people in groups of four lower-case letters; any other character is refused.
 */
public final class Base32 {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  /** Encodes without padding. */
  public static String encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * Decodes a base32 string.
   *
   * @throws IllegalArgumentException naming the offending character (never echoing the whole
   *     secret)
   */
  public static byte[] decode(String text) {
    String clean = text.replace(" ", "").replaceAll("=+$", "").toUpperCase(Locale.ROOT);
    ByteArrayOutputStream out = new ByteArrayOutputStream(clean.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < clean.length(); i++) {
      int value = ALPHABET.indexOf(clean.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("not a base32 character at position " + i);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}

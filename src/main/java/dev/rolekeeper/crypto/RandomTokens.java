package dev.rolekeeper.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable tokens: random bytes from one shared {@link SecureRandom}, as URL-safe base64 without
 * padding, so a token fits in a header, a path and a file name unchanged. Thread-safe.
 */
public final class RandomTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomTokens() {}

  /** A new token of {@code bytes} random bytes (32 bytes give 43 characters). */
  public static String urlSafe(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}

package dev.rolekeeper.sandbox;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords: HMAC-SHA1, 30-second steps, counted from the Unix epoch.
 *
 * <p>Stateless; {@link TotpVerifier} adds the acceptance window and replay refusal. Public because
 * tests and {@code rolekeeper demo} generate codes for the simulator's virtual MFA devices.
 */
public final class Totp {

  /** The time step every AWS virtual MFA device uses. */
  public static final Duration STEP = Duration.ofSeconds(30);

  /** AWS MFA codes are 6 digits. */
  public static final int DIGITS = 6;

  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private Totp() {}

  /** The 6-digit code a device holding {@code base32Secret} shows at {@code time}. */
  public static String generate(String base32Secret, Instant time) {
    return generate(Base32.decode(base32Secret), step(time), DIGITS);
  }

  /** The time-step counter for {@code time}. */
  public static long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), STEP.getSeconds());
  }

  /**
   * The RFC 4226 HOTP value of {@code key} at {@code counter}, zero-padded to {@code digits}.
   *
   * @param digits 1 to 8
   */
  public static String generate(byte[] key, long counter, int digits) {
    if (digits < 1 || digits > 8) {
      throw new IllegalArgumentException("digits must be 1 to 8, was " + digits);
    }
    byte[] hash = hmacSha1(key, ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  private static byte[] hmacSha1(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
    }
  }
}

package dev.rolekeeper.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks MFA codes the way STS does: the current 30-second step or one step either side, and a code
 * that was accepted once for a device is refused for as long as it could still be valid.
 *
 * <p>Thread-safe.
 */
public final class TotpVerifier {

  /** What a code check found. */
  public enum Result {
    ACCEPTED,
    INVALID,
    REUSED
  }

  /** Per device serial: the highest step whose code was accepted. */
  private final Map<String, Long> lastAcceptedStep = new HashMap<>();

  /**
   * Checks {@code code} for the device {@code serial} holding {@code base32Secret} at {@code now};
   * an accepted code is remembered so it cannot be replayed.
   */
  public synchronized Result verify(String serial, String base32Secret, String code, Instant now) {
    long current = Totp.step(now);
    byte[] key = Base32.decode(base32Secret);
    for (long step = current - 1; step <= current + 1; step++) {
      if (matches(Totp.generate(key, step, Totp.DIGITS), code)) {
        return accept(serial, step);
      }
    }
    return Result.INVALID;
  }

  private Result accept(String serial, long step) {
    Long last = lastAcceptedStep.get(serial);
    // A code for a step at or before the last accepted one is either the same code again or an
    // older one an eavesdropper could have seen: both are replays.
    if (last != null && step <= last) {
      return Result.REUSED;
    }
    lastAcceptedStep.put(serial, step);
    return Result.ACCEPTED;
  }

  private static boolean matches(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
  }
}

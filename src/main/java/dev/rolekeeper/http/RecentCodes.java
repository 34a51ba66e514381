package dev.rolekeeper.http;

import dev.rolekeeper.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code STS last accepted through the page, per MFA device, for a couple of minutes: a person
 * who types it again is told it was just used instead of sending it to STS. Kept as a SHA-256
 * digest only; the code itself is spent once accepted, and forgotten with its entry.
 */
final class RecentCodes {

  /** Longer than a TOTP code stays valid (30 s step, and STS accepts the neighbouring steps). */
  static final Duration MEMORY = Duration.ofMinutes(2);

  private final Clock clock;
  private final Map<String, Used> byDevice = new ConcurrentHashMap<>();

  RecentCodes(Clock clock) {
    this.clock = clock;
  }

  void accepted(String device, String digits) {
    byDevice.put(device, new Used(digest(device, digits), clock.instant().plus(MEMORY)));
  }

  boolean justUsed(String device, String digits) {
    Used used = byDevice.get(device);
    if (used == null || clock.instant().isAfter(used.until())) {
      byDevice.remove(device, used);
      return false;
    }
    return MessageDigest.isEqual(used.digest(), digest(device, digits));
  }

  private static byte[] digest(String device, String digits) {
    return Sha256.of((device + '\n' + digits).getBytes(StandardCharsets.UTF_8));
  }

  private record Used(byte[] digest, Instant until) {}
}

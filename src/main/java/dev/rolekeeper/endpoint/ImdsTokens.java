package dev.rolekeeper.endpoint;

import dev.rolekeeper.crypto.RandomTokens;
import dev.rolekeeper.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live IMDSv2 session tokens, in memory only.
 *
 * <p>A token lives 1-21600 seconds (checked against the {@link Clock}); at most {@code capacity} are live, the
 * oldest is dropped first. Tokens are kept by their SHA-256 digest, so a lookup reveals nothing about a token by
 * its timing. Thread-safe; share one instance between the verticle instances that serve one IMDS port.
 */
public final class ImdsTokens {

  /** The TTL bounds of IMDSv2, in seconds. */
  public static final int MIN_TTL = 1;
  public static final int MAX_TTL = 21600;

  private final Clock clock;
  private final int capacity;
  private final Map<String, Instant> expiryByDigest = new LinkedHashMap<>();

  public ImdsTokens(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("IMDS token capacity must be at least 1, was " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  /** Tokens checked against the system clock, at most 1,000 live. */
  public static ImdsTokens create() {
    return new ImdsTokens(Clock.systemUTC(), 1000);
  }

  /** A new token valid for {@code ttlSeconds} (must be within {@link #MIN_TTL}..{@link #MAX_TTL}). */
  public String issue(int ttlSeconds) {
    if (ttlSeconds < MIN_TTL || ttlSeconds > MAX_TTL) {
      throw new IllegalArgumentException("IMDS token TTL " + ttlSeconds + " is outside 1-21600 seconds");
    }
    String token = RandomTokens.urlSafe(32);
    Instant now = clock.instant();
    synchronized (expiryByDigest) {
      dropExpired(now);
      while (expiryByDigest.size() >= capacity) {
        Iterator<String> oldest = expiryByDigest.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      expiryByDigest.put(digest(token), now.plusSeconds(ttlSeconds));
    }
    return token;
  }

  /** Whether {@code token} was issued here and has not expired. */
  public boolean isValid(String token) {
    if (token == null || token.isEmpty()) {
      return false;
    }
    String key = digest(token);
    Instant now = clock.instant();
    synchronized (expiryByDigest) {
      Instant expiry = expiryByDigest.get(key);
      return expiry != null && now.isBefore(expiry);
    }
  }

  /** How many tokens are held now (expired ones are dropped on the next issue). */
  public int size() {
    synchronized (expiryByDigest) {
      return expiryByDigest.size();
    }
  }

  private void dropExpired(Instant now) {
    expiryByDigest.values().removeIf(expiry -> !now.isBefore(expiry));
  }

  private static String digest(String token) {
    return Base64.getEncoder().encodeToString(Sha256.of(token.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "ImdsTokens[live=" + size() + ", capacity=" + capacity + "]";
  }
}

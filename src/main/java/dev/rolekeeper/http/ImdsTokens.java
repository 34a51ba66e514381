package dev.rolekeeper.http;

import dev.rolekeeper.crypto.RandomTokens;
import dev.rolekeeper.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The live IMDSv2 session tokens, in memory only.
 *
 * <p>A token lives 1-21600 seconds (checked against the {@link Clock}); at most {@code capacity}
 * are live, the oldest is dropped first. Tokens are kept by their SHA-256 digest, so a lookup
 * reveals nothing about a token by its timing. Thread-safe without locks (it is used on the event
 * loops); share one instance between the verticle instances that serve one IMDS port. Under
 * concurrent issuing the cap may be passed by a token or two, briefly.
 */
public final class ImdsTokens {

  /** The request header that presents a token on every metadata GET. */
  public static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

  /** The TTL bounds of IMDSv2, in seconds. */
  public static final int MIN_TTL = 1;

  public static final int MAX_TTL = 21600;

  private final Clock clock;
  private final int capacity;
  private final Map<String, Instant> expiryByDigest = new ConcurrentHashMap<>();

  /**
   * Digests in the order they were issued, for dropping the oldest; may hold digests already
   * dropped.
   */
  private final Queue<String> issueOrder = new ConcurrentLinkedQueue<>();

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

  /**
   * A new token valid for {@code ttlSeconds} (must be within {@link #MIN_TTL}..{@link #MAX_TTL}).
   */
  public String issue(int ttlSeconds) {
    if (ttlSeconds < MIN_TTL || ttlSeconds > MAX_TTL) {
      throw new IllegalArgumentException(
          "IMDS token TTL " + ttlSeconds + " is outside 1-21600 seconds");
    }
    String token = RandomTokens.urlSafe(32);
    Instant now = clock.instant();
    dropExpired(now);
    while (expiryByDigest.size() >= capacity) {
      String oldest = issueOrder.poll();
      if (oldest == null) {
        break;
      }
      expiryByDigest.remove(oldest);
    }
    String key = digest(token);
    expiryByDigest.put(key, now.plusSeconds(ttlSeconds));
    issueOrder.add(key);
    return token;
  }

  /** Whether {@code token} was issued here and has not expired. */
  public boolean isValid(String token) {
    if (token == null || token.isEmpty()) {
      return false;
    }
    String key = digest(token);
    Instant now = clock.instant();
    Instant expiry = expiryByDigest.get(key);
    return expiry != null && now.isBefore(expiry);
  }

  /** How many tokens are held now (expired ones are dropped on the next issue). */
  public int size() {
    return expiryByDigest.size();
  }

  private void dropExpired(Instant now) {
    expiryByDigest.values().removeIf(expiry -> !now.isBefore(expiry));
    issueOrder.removeIf(key -> !expiryByDigest.containsKey(key));
  }

  private static String digest(String token) {
    return Base64.getEncoder().encodeToString(Sha256.of(token.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "ImdsTokens[live=" + size() + ", capacity=" + capacity + "]";
  }
}

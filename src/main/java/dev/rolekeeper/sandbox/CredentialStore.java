package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.Sha256;
import dev.rolekeeper.sandbox.SimulatorConfig.SimUser;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The keys the simulator accepts: the configured users' long-term keys and every session it has
 * issued (access key → secret, token, expiry, principal), so issued credentials can sign further
 * calls. Thread-safe. Sessions are kept after expiry so their use yields {@code ExpiredToken}
 * rather than {@code InvalidClientTokenId}, as with real STS.
 */
final class CredentialStore {

  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private static final Duration FORGET_AFTER = Duration.ofDays(1);

  private final SecureRandom random = new SecureRandom();
  private final Map<String, IssuedCredential> byAccessKey = new ConcurrentHashMap<>();
  private final AtomicReference<Integer> sessionSecondsOverride = new AtomicReference<>();
  private final SimulatorConfig config;

  CredentialStore(SimulatorConfig config) {
    this.config = config;
  }

  Optional<IssuedCredential> find(String accessKeyId) {
    IssuedCredential session = byAccessKey.get(accessKeyId);
    if (session != null) {
      return Optional.of(session);
    }
    return config.userByAccessKey(accessKeyId).map(CredentialStore::longTerm);
  }

  Optional<SimUser> user(String userName) {
    return config.users().stream().filter(u -> u.name().equals(userName)).findFirst();
  }

  /**
   * Issue every new session for {@code seconds} whatever duration was asked for (a test control);
   * {@code null} restores that.
   */
  void sessionSecondsOverride(Integer seconds) {
    if (seconds != null && seconds < 1) {
      throw new IllegalArgumentException(
          "session override must be at least 1 second, was " + seconds);
    }
    sessionSecondsOverride.set(seconds);
  }

  /** Mints a session of {@code requestedSeconds}, or of the override when one is set. */
  IssuedCredential issue(Principal principal, int requestedSeconds, Instant now) {
    Integer override = sessionSecondsOverride.get();
    int seconds = override != null ? override : requestedSeconds;
    return issue(principal, now, now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds));
  }

  /** Mints and remembers a new session for {@code principal}. */
  IssuedCredential issue(Principal principal, Instant now, Instant expiration) {
    forgetLongExpired(now);
    IssuedCredential session =
        new IssuedCredential(
            "ASIA" + randomKeyChars(16),
            randomBase64(30),
            randomBase64(192),
            expiration,
            principal);
    byAccessKey.put(session.accessKeyId(), session);
    return session;
  }

  static Principal userPrincipal(SimUser user, boolean temporary, boolean mfa) {
    return new Principal(
        user.arn(), stableId("AIDA", user.arn()), user.arn(), user.name(), temporary, mfa);
  }

  /** A deterministic, AWS-looking unique id ({@code AIDA…}, {@code AROA…}) for an ARN. */
  static String stableId(String prefix, String arn) {
    byte[] hash = Sha256.of(arn.getBytes(StandardCharsets.UTF_8));
    StringBuilder id = new StringBuilder(prefix);
    for (int i = 0; i < 17; i++) {
      id.append(KEY_ALPHABET.charAt(hash[i] & 31));
    }
    return id.toString();
  }

  /**
   * A long-running demo with short sessions would otherwise grow without bound. Sessions expired
   * over a day ago are dropped; using one then gives InvalidClientTokenId instead of ExpiredToken,
   * a difference nothing relies on that long after expiry.
   */
  private void forgetLongExpired(Instant now) {
    Instant cutoff = now.minus(FORGET_AFTER);
    byAccessKey.values().removeIf(s -> s.expiration().isBefore(cutoff));
  }

  private static IssuedCredential longTerm(SimUser user) {
    return new IssuedCredential(
        user.accessKeyId(), user.secretAccessKey(), null, null, userPrincipal(user, false, false));
  }

  private String randomKeyChars(int count) {
    StringBuilder s = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      s.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
    }
    return s.toString();
  }

  private String randomBase64(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}

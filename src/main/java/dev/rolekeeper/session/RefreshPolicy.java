package dev.rolekeeper.session;

import dev.rolekeeper.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * When sessions are refreshed and how failures are retried.
 *
 * @param margin refresh this long before expiry (at half-life instead when a session is shorter
 *     than twice this)
 * @param minRemaining and in any case this long before expiry when the session is longer than this,
 *     so what is served keeps at least this much life whenever STS allows (see {@link #refreshAt})
 * @param backoff the retry delays after a retryable failure; its longest delay is also how often a
 *     refused (non-retryable) profile is tried again
 * @param mfaLeadTime ask for an MFA code this long before the refresh that needs it
 * @param mfaSessionSeconds the GetSessionToken duration for shared MFA sessions
 * @param coldStartWait how long a request for a profile without valid credentials may wait for a
 *     refresh that is running (the first fetch, or one still running when the held session expired)
 */
public record RefreshPolicy(
    Duration margin,
    Duration minRemaining,
    Refresher.Backoff backoff,
    Duration mfaLeadTime,
    int mfaSessionSeconds,
    Duration coldStartWait) {

  /** The policy of the daemon's {@code refresh} and {@code mfa} settings. */
  public static RefreshPolicy from(Settings settings, Duration coldStartWait) {
    Settings.Refresh r = settings.refresh();
    return new RefreshPolicy(
        r.margin(),
        r.minRemaining(),
        backoff(r.backoffInitial(), r.backoffMax()),
        settings.mfa().leadTime(),
        (int) settings.mfa().sessionDuration().toSeconds(),
        coldStartWait);
  }

  /**
   * When to refresh credentials obtained at {@code obtainedAt}: see margin and minRemaining; when
   * the two disagree, never in the first quarter of the session's life.
   */
  public Instant refreshAt(Instant obtainedAt, Instant expiration) {
    Duration lifetime = Duration.between(obtainedAt, expiration);
    Duration half = lifetime.dividedBy(2);
    Duration before = margin.compareTo(half) < 0 ? margin : half;
    if (lifetime.compareTo(minRemaining) > 0 && before.compareTo(minRemaining) < 0) {
      Duration quarter = lifetime.dividedBy(4);
      before =
          lifetime.minus(minRemaining).compareTo(quarter) < 0
              ? lifetime.minus(quarter)
              : minRemaining;
    }
    return expiration.minus(before);
  }

  public static RefreshPolicy defaults() {
    return new RefreshPolicy(
        Duration.ofMinutes(30),
        Duration.ofMinutes(15),
        backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)),
        Duration.ofMinutes(10),
        12 * 3600,
        Duration.ofMillis(1500));
  }

  /** Jittered exponential retry delays from {@code initial} up to {@code max}. */
  public static Refresher.Backoff backoff(Duration initial, Duration max) {
    return new Refresher.Backoff(initial, max, new Random());
  }
}

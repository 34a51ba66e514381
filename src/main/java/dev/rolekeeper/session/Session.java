package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile's credentials: held in memory, refreshed before they expire, single-flight, with
 * backoff on failure and the last good credentials kept while they are valid.
 *
 * <p>Threading: the mutable fields are confined to the session manager's context ({@link
 * SessionServices#context}); {@link #lookup} reads volatile, immutable snapshots and may be called
 * from any thread.
 */
public final class Session {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  /**
   * Timers never sleep longer than this, so a laptop waking up (or a clock jump) is noticed
   * promptly.
   */
  private static final Duration WALL_CLOCK_CHECK = Duration.ofSeconds(15);

  private final String profile;
  private final Plan plan;
  private final SessionServices services;
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private volatile String awaitingDevice;
  private Future<AwsCredentials> inFlight;
  private Instant stsCallSince;
  private boolean sourceStale;
  private long timerId = -1;
  private int failures;

  /**
   * Set when a reload replaced this session: a fetch still running must neither re-arm nor publish.
   */
  private boolean retired;

  Session(String profile, Plan plan, SessionServices services) {
    this.profile = profile;
    this.plan = plan;
    this.services = services;
  }

  public String profile() {
    return profile;
  }

  /** The state as served: never expired credentials. Any thread. */
  Lookup lookup(Instant now) {
    Snapshot s = snapshot;
    if (s.credentials() != null && !s.credentials().isExpiredAt(now)) {
      return new Lookup.Available(s.credentials());
    }
    String device = awaitingDevice;
    if (device != null) {
      return new Lookup.Unavailable(
          "MfaRequired",
          "profile "
              + profile
              + " is waiting for an MFA code for "
              + device
              + ": answer the notification, open the MFA page, or run `rolekeeper mfa CODE`");
    }
    if (s.errorCode() != null) {
      return new Lookup.Unavailable(
          s.errorCode(), "profile " + profile + " has no valid session: " + s.error());
    }
    if (s.credentials() != null) {
      return new Lookup.Unavailable(
          "Expired",
          "the session of profile "
              + profile
              + " expired at "
              + s.credentials().expiration()
              + " and a refresh is under way");
    }
    return new Lookup.Unavailable(
        "Pending",
        "the first session of profile "
            + profile
            + " is being fetched from STS; try again in a moment");
  }

  Instant expiration() {
    AwsCredentials held = snapshot.credentials();
    return held == null ? null : held.expiration();
  }

  /**
   * This session's status line. On the manager's context: it reads the refresh in flight and the
   * MFA sessions.
   */
  SessionStatus status(Instant now) {
    services.requireOwnContext("a session's status");
    return StatusLine.of(
        profile,
        plan,
        snapshot.credentials(),
        snapshot.nextRefresh(),
        snapshot.error(),
        stateWord(now, snapshot),
        stsCallSince,
        now,
        services);
  }

  /**
   * Refreshes now, joining a refresh already running. Any thread; completes on the manager's
   * context.
   */
  public Future<AwsCredentials> refresh() {
    if (Vertx.currentContext() == services.context()) {
      return refreshOnContext();
    }
    Promise<AwsCredentials> promise = Promise.promise();
    services.context().runOnContext(v -> refreshOnContext().onComplete(promise));
    return promise.future();
  }

  /**
   * Credentials valid at {@code validAt}, for a child profile to sign with: held ones, or a
   * refresh.
   */
  Future<AwsCredentials> sourceCredentials(Instant validAt) {
    AwsCredentials held = snapshot.credentials();
    if (inFlight == null && !sourceStale && held != null && !held.isExpiredAt(validAt)) {
      return Future.succeededFuture(held);
    }
    return refreshOnContext();
  }

  void markSourceStale() {
    sourceStale = true;
  }

  /**
   * The refresh running now, or null: a request that finds no valid credentials may briefly wait
   * for it.
   */
  Future<AwsCredentials> running() {
    services.requireOwnContext("the refresh in flight");
    return awaitingDevice == null ? inFlight : null;
  }

  void awaitingCode(String device) {
    awaitingDevice = device;
  }

  /**
   * An STS call for this session started ({@code since}) or ended ({@code null}): shown while it is
   * slow.
   */
  void stsCall(Instant since) {
    stsCallSince = since;
  }

  /**
   * Cancels the refresh timer for good: a fetch still running completes but arms nothing and tells
   * no listener.
   */
  void stop() {
    retired = true;
    cancelTimer();
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      services.vertx().cancelTimer(timerId);
      timerId = -1;
    }
  }

  private Future<AwsCredentials> refreshOnContext() {
    if (inFlight != null) {
      return inFlight;
    }
    sourceStale = false;
    // Mark the refresh as running before starting it: a plan can complete synchronously (a code
    // source that
    // fails at once), and settling before the mark was set would leave a finished future as "in
    // flight" for ever.
    Promise<AwsCredentials> settled = Promise.promise();
    inFlight = settled.future();
    obtain()
        .onComplete(
            result -> {
              inFlight = null;
              stsCallSince = null;
              if (result.succeeded()) {
                succeeded(result.result());
              } else {
                failed(result.cause());
              }
              settled.handle(result);
            });
    return settled.future();
  }

  /**
   * The plan's attempt; a plan that throws instead of returning a failed future fails this refresh,
   * not all.
   */
  private Future<AwsCredentials> obtain() {
    try {
      return plan.obtain(services.steps(), this);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void succeeded(AwsCredentials credentials) {
    Instant now = services.clock().instant();
    failures = 0;
    Instant next = nextRefresh(now, credentials);
    snapshot = new Snapshot(credentials, null, null, next);
    if (retired) {
      return;
    }
    arm(next);
    LOG.info(
        "{}: new session, expires {}, next refresh {}", profile, credentials.expiration(), next);
    services.refreshed().refreshed(profile, credentials);
  }

  private Instant nextRefresh(Instant now, AwsCredentials credentials) {
    RefreshPolicy policy = services.policy();
    Instant at =
        RefreshTiming.refreshAt(
            now, credentials.expiration(), policy.margin(), policy.minRemaining());
    if (plan.deviceNeededAt(at, services.steps()) != null) {
      at = at.minus(policy.mfaLeadTime());
    }
    return at.isBefore(now) ? now : at;
  }

  private void failed(Throwable cause) {
    Instant now = services.clock().instant();
    RefreshFailure failure = RefreshFailure.of(cause);
    Duration wait =
        switch (failure.kind()) {
          case RETRYABLE -> services.backoff().delay(failures++);
          case SOURCE_EXPIRED -> {
            plan.sourceExpired(services.steps());
            yield services.backoff().delay(failures++);
          }
          default -> services.policy().backoffMax();
        };
    Instant next = now.plus(wait);
    snapshot =
        new Snapshot(
            snapshot.credentials(),
            failure.code(),
            failure.code() + ": " + failure.message(),
            next);
    arm(next);
    AwsCredentials held = snapshot.credentials();
    if (held != null && !held.isExpiredAt(now)) {
      LOG.warn(
          "{}: refresh failed ({}: {}); still serving the session that expires {}; next try in {}",
          profile,
          failure.code(),
          failure.message(),
          held.expiration(),
          RefreshFailure.readable(wait));
    } else {
      LOG.warn(
          "{}: no session ({}: {}); next try in {}",
          profile,
          failure.code(),
          failure.message(),
          RefreshFailure.readable(wait));
    }
  }

  private void arm(Instant at) {
    cancelTimer();
    if (retired) {
      return;
    }
    Duration delay = Duration.between(services.clock().instant(), at);
    long millis = Math.max(1, Math.min(delay.toMillis(), WALL_CLOCK_CHECK.toMillis()));
    timerId =
        services
            .vertx()
            .setTimer(
                millis,
                id -> {
                  timerId = -1;
                  if (services.clock().instant().isBefore(at)) {
                    arm(at);
                  } else {
                    refreshOnContext();
                  }
                });
  }

  private String stateWord(Instant now, Snapshot s) {
    if (awaitingDevice != null) {
      return "MfaRequired";
    }
    if (inFlight != null) {
      return "Refreshing";
    }
    boolean valid = s.credentials() != null && !s.credentials().isExpiredAt(now);
    if (s.errorCode() != null) {
      return valid ? "Retrying" : "Failed";
    }
    return valid ? "Fresh" : (s.credentials() == null ? "Pending" : "Expired");
  }

  /** What the manager's context last settled; read by any thread. */
  private record Snapshot(
      AwsCredentials credentials, String errorCode, String error, Instant nextRefresh) {
    static final Snapshot EMPTY = new Snapshot(null, null, null, null);
  }
}

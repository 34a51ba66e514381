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

  private final String profile;
  private final Plan plan;
  private final SessionServices services;
  private final RefreshTimer timer;
  private volatile SessionSnapshot snapshot = SessionSnapshot.EMPTY;
  private volatile String awaitingDevice;
  private Future<AwsCredentials> inFlight;
  private Instant stsCallSince;
  private boolean sourceStale;
  private int failures;

  /**
   * Set when a reload replaced this session: a fetch still running must neither re-arm nor publish.
   */
  private boolean retired;

  Session(String profile, Plan plan, SessionServices services) {
    this.profile = profile;
    this.plan = plan;
    this.services = services;
    this.timer = new RefreshTimer(services.vertx(), services.clock(), this::refreshOnContext);
  }

  public String profile() {
    return profile;
  }

  /** The state as served: never expired credentials. Any thread. */
  Lookup lookup(Instant now) {
    return snapshot.lookup(profile, awaitingDevice, now);
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
        snapshot.stateWord(awaitingDevice, inFlight != null, now),
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
    timer.cancel();
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
      return plan.obtain(services.fetcher(), this);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void succeeded(AwsCredentials credentials) {
    Instant now = services.clock().instant();
    failures = 0;
    Instant next = nextRefresh(now, credentials);
    snapshot = new SessionSnapshot(credentials, null, null, next);
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
    if (plan.deviceNeededAt(at, services.fetcher()) != null) {
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
            plan.sourceExpired(services.fetcher());
            yield services.backoff().delay(failures++);
          }
          default -> services.policy().backoffMax();
        };
    Instant next = now.plus(wait);
    snapshot =
        new SessionSnapshot(
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
    timer.cancel();
    if (!retired) {
      timer.arm(at);
    }
  }
}

package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile's credentials: held in memory and refreshed by a {@link Refresher} (ahead of expiry,
 * single-flight, backoff on failure, the last good credentials kept while they are valid). What is
 * specific to sessions lives here: when to refresh (see {@link RefreshPolicy#refreshAt}, earlier
 * when the refresh needs an MFA code), how a failure is sorted and retried, what is logged and who
 * is told.
 *
 * <p>Threading: the mutable fields are confined to the session manager's context ({@link
 * SessionServices#context}); {@link #lookup} reads volatile, immutable state and may be called from
 * any thread.
 */
public final class Session {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final String profile;
  private final Plan plan;
  private final SessionServices services;
  private final Refresher<AwsCredentials> refresher;
  private volatile String awaitingDevice;
  private Instant stsCallSince;
  private boolean sourceStale;

  Session(String profile, Plan plan, SessionServices services) {
    this.profile = profile;
    this.plan = plan;
    this.services = services;
    this.refresher =
        new Refresher<>(
            services.context(), services.clock(), services.policy().backoff(), new Rules());
  }

  public String profile() {
    return profile;
  }

  /** The state as served: never expired credentials. Any thread. */
  Lookup lookup(Instant now) {
    return SessionSnapshot.of(refresher.state()).lookup(profile, awaitingDevice, now);
  }

  Instant expiration() {
    AwsCredentials held = refresher.value();
    return held == null ? null : held.expiration();
  }

  /**
   * This session's status line. On the manager's context: it reads the refresh in flight and the
   * MFA sessions.
   */
  SessionStatus status(Instant now) {
    services.requireOwnContext("a session's status");
    SessionSnapshot snapshot = SessionSnapshot.of(refresher.state());
    return StatusLine.of(
        profile,
        plan,
        snapshot,
        snapshot.stateWord(awaitingDevice, refresher.running() != null, now),
        stsCallSince,
        now,
        services);
  }

  /** Refreshes now, joining a refresh already running. Any thread. */
  public Future<AwsCredentials> refresh() {
    return refresher.refresh();
  }

  /** Credentials valid at {@code validAt} for a child profile to sign with: held, or refreshed. */
  Future<AwsCredentials> sourceCredentials(Instant validAt) {
    AwsCredentials held = refresher.validAt(validAt);
    if (refresher.running() == null && !sourceStale && held != null) {
      return Future.succeededFuture(held);
    }
    return refresher.refresh();
  }

  void markSourceStale() {
    sourceStale = true;
  }

  /**
   * Completes once the refresh running has settled or the cold-start wait is over (never waiting
   * for an MFA code); before {@code begun} (the endpoint opens before the first fetches) too. Any
   * thread.
   */
  Future<Void> settledSoon(Future<Void> begun) {
    return refresher.awaitRunning(
        services.policy().coldStartWait(), begun, () -> awaitingDevice == null);
  }

  void awaitingCode(String device) {
    awaitingDevice = device;
  }

  /** An STS call for this session started ({@code since}) or ended (null): shown while slow. */
  void stsCall(Instant since) {
    stsCallSince = since;
  }

  /** Stops refreshing for good: a fetch still running completes but arms or tells nothing. */
  void stop() {
    refresher.stop();
  }

  /** What a session's refresher calls, and how it schedules and reports. */
  private final class Rules implements Refresher.Rules<AwsCredentials> {

    @Override
    public Future<AwsCredentials> fetch() {
      sourceStale = false;
      return plan.obtain(services.fetcher(), Session.this);
    }

    @Override
    public boolean validAt(AwsCredentials credentials, Instant when) {
      return !credentials.isExpiredAt(when);
    }

    @Override
    public Instant next(Refresher.State<AwsCredentials> settled, Instant now) {
      stsCallSince = null;
      return settled.failure() == null
          ? succeeded(settled.value(), now)
          : failed(settled.failure(), settled.value(), now);
    }

    private Instant succeeded(AwsCredentials credentials, Instant now) {
      Instant next = nextRefresh(now, credentials);
      if (!refresher.stopped()) {
        LOG.info(
            "{}: new session, expires {}, next refresh {}",
            profile,
            credentials.expiration(),
            next);
        services.refreshed().refreshed(profile, credentials);
      }
      return next;
    }

    private Instant nextRefresh(Instant now, AwsCredentials credentials) {
      RefreshPolicy policy = services.policy();
      Instant at = policy.refreshAt(now, credentials.expiration());
      if (plan.deviceNeededAt(at, services.fetcher()) != null) {
        at = at.minus(policy.mfaLeadTime());
      }
      return at.isBefore(now) ? now : at;
    }

    private Instant failed(Throwable cause, AwsCredentials held, Instant now) {
      RefreshFailure failure = RefreshFailure.of(cause);
      Duration wait =
          switch (failure.kind()) {
            case RETRYABLE -> refresher.backoff();
            case SOURCE_EXPIRED -> {
              plan.sourceExpired(services.fetcher());
              yield refresher.backoff();
            }
            default -> services.policy().backoff().max();
          };
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
      return now.plus(wait);
    }
  }
}

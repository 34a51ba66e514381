package dev.rolekeeper.session;

import dev.rolekeeper.session.KeySource.SourceException;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile's credentials: held in memory, refreshed before they expire, single-flight, with backoff on failure
 * and the last good credentials kept while they are valid.
 *
 * <p>Threading: the mutable fields are confined to the session manager's context; {@link #lookup} reads one volatile
 * snapshot and may be called from any thread.
 */
public final class Session {

  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  /** Timers never sleep longer than this, so a laptop waking up (or a clock jump) is noticed promptly. */
  private static final Duration WALL_CLOCK_CHECK = Duration.ofSeconds(15);

  private final String profile;
  private final Plan plan;
  private final SessionManager manager;
  private final Context context;
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private volatile String awaitingDevice;
  private Future<AwsCredentials> inFlight;
  private boolean sourceStale;
  private long timerId = -1;
  private int failures;
  /** Set when a reload replaced this session: a fetch still running must neither re-arm nor publish. */
  private boolean retired;

  Session(String profile, Plan plan, SessionManager manager, Context context) {
    this.profile = profile;
    this.plan = plan;
    this.manager = manager;
    this.context = context;
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
      return new Lookup.Unavailable("MfaRequired", "profile " + profile + " is waiting for an MFA code for " + device
          + ": answer the notification, open the MFA page, or run `rolekeeper mfa CODE`");
    }
    if (s.errorCode() != null) {
      return new Lookup.Unavailable(s.errorCode(), "profile " + profile + " has no valid session: " + s.error());
    }
    if (s.credentials() != null) {
      return new Lookup.Unavailable("Expired", "the session of profile " + profile + " expired at "
          + s.credentials().expiration() + " and a refresh is under way");
    }
    return new Lookup.Unavailable("Pending", "the first session of profile " + profile
        + " is being fetched from STS; try again in a moment");
  }

  /** True while the first fetch runs and nothing was ever held: a request may briefly wait for it. */
  boolean coldStarting() {
    return snapshot.credentials() == null && snapshot.errorCode() == null && awaitingDevice == null;
  }

  Instant expiration() {
    AwsCredentials held = snapshot.credentials();
    return held == null ? null : held.expiration();
  }

  SessionStatus status(Instant now) {
    Snapshot s = snapshot;
    String state = stateWord(now, s);
    return new SessionStatus(profile, plan.describe(), state, expiration(), s.nextRefresh(), s.error(),
        plan.hop().roleArn(), plan.mfaDevice(), nextCodeNeeded(s.nextRefresh()));
  }

  /** When a code will next be asked for: at the next refresh if it needs one, else when the MFA session ends. */
  private Instant nextCodeNeeded(Instant nextRefresh) {
    String device = plan.mfaDevice();
    if (device == null || nextRefresh == null) {
      return null;
    }
    if (plan.deviceNeededAt(nextRefresh, manager.steps()) != null) {
      return nextRefresh;
    }
    Instant sessionEnds = manager.mfaSessionExpiration(device);
    return sessionEnds == null ? nextRefresh : sessionEnds.minus(manager.policy().mfaLeadTime());
  }

  /** Refreshes now, joining a refresh already running. Any thread; completes on the manager's context. */
  public Future<AwsCredentials> refresh() {
    if (Context.isOnEventLoopThread() && context == io.vertx.core.Vertx.currentContext()) {
      return refreshOnContext();
    }
    Promise<AwsCredentials> promise = Promise.promise();
    context.runOnContext(v -> refreshOnContext().onComplete(promise));
    return promise.future();
  }

  /** Credentials valid at {@code validAt}, for a child profile to sign with: held ones, or a refresh. */
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

  /** The first fetch (or the running refresh), for requests that arrive before any credentials exist. */
  Future<AwsCredentials> pending() {
    return inFlight == null ? Future.succeededFuture() : inFlight;
  }

  void awaitingCode(String device) {
    awaitingDevice = device;
  }

  /** Cancels the refresh timer for good: a fetch still running completes but arms nothing and tells no listener. */
  void stop() {
    retired = true;
    cancelTimer();
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      manager.vertx().cancelTimer(timerId);
      timerId = -1;
    }
  }

  private Future<AwsCredentials> refreshOnContext() {
    if (inFlight != null) {
      return inFlight;
    }
    sourceStale = false;
    // Mark the refresh as running before starting it: a plan can complete synchronously (a code source that
    // fails at once), and settling before the mark was set would leave a finished future as "in flight" for ever.
    Promise<AwsCredentials> settled = Promise.promise();
    inFlight = settled.future();
    plan.obtain(manager.steps(), this).onComplete(result -> {
      inFlight = null;
      if (result.succeeded()) {
        succeeded(result.result());
      } else {
        failed(result.cause());
      }
      settled.handle(result);
    });
    return settled.future();
  }

  private void succeeded(AwsCredentials credentials) {
    Instant now = manager.clock().instant();
    failures = 0;
    Instant next = nextRefresh(now, credentials);
    snapshot = new Snapshot(credentials, null, null, next);
    if (retired) {
      return;
    }
    arm(next);
    LOG.info("{}: new session, expires {}, next refresh {}", profile, credentials.expiration(), next);
    manager.refreshed(profile, credentials);
  }

  private Instant nextRefresh(Instant now, AwsCredentials credentials) {
    RefreshPolicy policy = manager.policy();
    Instant at = RefreshTiming.refreshAt(now, credentials.expiration(), policy.margin());
    if (plan.deviceNeededAt(at, manager.steps()) != null) {
      at = at.minus(policy.mfaLeadTime());
    }
    return at.isBefore(now) ? now : at;
  }

  private void failed(Throwable cause) {
    Instant now = manager.clock().instant();
    RefreshPolicy policy = manager.policy();
    Failure failure = Failure.of(cause);
    Duration wait = switch (failure.kind()) {
      case RETRYABLE -> manager.backoff().delay(failures++);
      case SOURCE_EXPIRED -> {
        plan.sourceExpired(manager.steps());
        yield manager.backoff().delay(failures++);
      }
      default -> policy.backoffMax();
    };
    Instant next = now.plus(wait);
    snapshot = new Snapshot(snapshot.credentials(), failure.code(), failure.code() + ": " + failure.message(), next);
    arm(next);
    AwsCredentials held = snapshot.credentials();
    if (held != null && !held.isExpiredAt(now)) {
      LOG.warn("{}: refresh failed ({}: {}); still serving the session that expires {}; next try in {}",
          profile, failure.code(), failure.message(), held.expiration(), readable(wait));
    } else {
      LOG.warn("{}: no session ({}: {}); next try in {}", profile, failure.code(), failure.message(),
          readable(wait));
    }
  }

  private static String readable(Duration wait) {
    return wait.toSeconds() >= 10 ? wait.toSeconds() + " s" : String.format("%.1f s", wait.toMillis() / 1000.0);
  }

  private void arm(Instant at) {
    cancelTimer();
    if (retired) {
      return;
    }
    Duration delay = Duration.between(manager.clock().instant(), at);
    long millis = Math.max(1, Math.min(delay.toMillis(), WALL_CLOCK_CHECK.toMillis()));
    timerId = manager.vertx().setTimer(millis, id -> {
      timerId = -1;
      if (manager.clock().instant().isBefore(at)) {
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
  private record Snapshot(AwsCredentials credentials, String errorCode, String error, Instant nextRefresh) {
    static final Snapshot EMPTY = new Snapshot(null, null, null, null);
  }

  /** A failed refresh, boiled down to what the schedule and the status need. */
  private record Failure(FailureKind kind, String code, String message) {
    static Failure of(Throwable cause) {
      if (cause instanceof StsFailureException sts) {
        StsOutcome.Failed f = sts.failure();
        return new Failure(f.kind(), f.code(), f.message());
      }
      if (cause instanceof CodeSource.MfaUnavailableException) {
        return new Failure(FailureKind.FATAL, "MfaRequired", "no MFA code was given: " + cause.getMessage());
      }
      if (cause instanceof SourceException) {
        return new Failure(FailureKind.FATAL, "SourceUnavailable", cause.getMessage());
      }
      return new Failure(FailureKind.RETRYABLE, "InternalError", String.valueOf(cause.getMessage()));
    }
  }
}

package dev.rolekeeper.signin;

import dev.rolekeeper.session.Refresher;
import dev.rolekeeper.signin.LoginCallException.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console sessions' credentials fresh, each through its own {@link Refresher}: picks up
 * newer sessions from the login cache (the AWS CLI or an SDK refreshed or signed in), refreshes
 * through the SDK ahead of expiry, retries a failed refresh after a fixed pause, and has the timer
 * announce the next sign-in {@code lead} before the session's estimated end. Confined to the {@link
 * ConsoleSessions} context.
 */
final class SessionRenewal {

  // Same logger as ConsoleSessions: operators filter on that category.
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessions.class);

  /** The credentials live 15 minutes at most; they are refreshed this long before they expire. */
  static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

  /** Credentials with less left than this are not handed out as last-known-good. */
  private static final Duration FLOOR = Duration.ofMinutes(1);

  /** The pause after a failed refresh, and the least time between two refreshes. */
  static final Duration RETRY = Duration.ofSeconds(30);

  private final Context context;
  private final LoginCache cache;
  private final SdkRefresh sdk;
  private final Clock clock;
  private final Duration lead;
  private final Consumer<SessionKeeper> signInNeeded;
  private volatile boolean stopped;

  SessionRenewal(
      Context context,
      SdkRefresh sdk,
      LoginCache cache,
      Clock clock,
      Duration lead,
      Consumer<SessionKeeper> signInNeeded) {
    this.context = context;
    this.sdk = sdk;
    this.cache = cache;
    this.clock = clock;
    this.lead = lead;
    this.signInNeeded = signInNeeded;
  }

  /** From now on nothing is armed, for new sessions too; a refresh under way still completes. */
  void stop() {
    stopped = true;
  }

  Refresher<LoginToken> refresherFor(SessionKeeper keeper) {
    Refresher<LoginToken> refresher = new Refresher<>(context, clock, null, rules(keeper));
    if (stopped) {
      refresher.stop();
    }
    return refresher;
  }

  /** A token valid for a while yet, refreshed if need be; fails when none can be had. */
  Future<LoginToken> usableToken(SessionKeeper keeper) {
    Instant now = clock.instant();
    // The cache is read only when the token held is not good for long: it may hold a newer one.
    boolean fresh = keeper.refresher.validAt(now.plus(REFRESH_AHEAD)) != null;
    return (fresh ? Future.<Void>succeededFuture() : reload(keeper))
        .compose(
            v -> {
              announceIfEnding(keeper, now);
              LoginToken current = keeper.refresher.validAt(now.plus(REFRESH_AHEAD));
              if (current != null) {
                return Future.succeededFuture(current);
              }
              if (keeper.refreshable()) {
                return keeper.refresher.refresh().recover(failure -> fallback(keeper, failure));
              }
              return fallback(keeper, keeper.refresher.state().failure());
            });
  }

  /** No fresher token: the one held while it lasts, else why there is none. */
  private Future<LoginToken> fallback(SessionKeeper keeper, Throwable failure) {
    LoginToken current = keeper.refresher.validAt(clock.instant().plus(FLOOR));
    if (current != null) {
      return Future.succeededFuture(current);
    }
    if (failure instanceof LoginCallException call && call.kind() != Kind.SIGN_IN_NEEDED) {
      return Future.failedFuture(failure);
    }
    signInNeeded.accept(keeper);
    return Future.failedFuture(
        failure instanceof LoginCallException
            ? failure
            : new LoginCallException(
                Kind.SIGN_IN_NEEDED,
                "NoSession",
                "no session held, none valid in the login cache"));
  }

  /** Announces the next sign-in once the session's estimated end is {@code lead} away. */
  private void announceIfEnding(SessionKeeper keeper, Instant now) {
    Instant ends = keeper.sessionEnds();
    if (keeper.refreshable() && ends != null && !now.isBefore(ends.minus(lead))) {
      signInNeeded.accept(keeper);
    }
  }

  /**
   * Reads the cache: a newer session there (a CLI refresh, a new sign-in) replaces the one held.
   */
  private Future<Void> reload(SessionKeeper keeper) {
    return blocking(() -> cache.read(keeper.session()))
        .map(
            read -> {
              adoptIfNewer(keeper, read);
              return (Void) null;
            })
        .recover(
            failure -> {
              keeper.lastError = "cannot read the login cache: " + failure.getMessage();
              LOG.warn("{}: {}", keeper.settings.label(), keeper.lastError);
              return Future.succeededFuture();
            });
  }

  private void adoptIfNewer(SessionKeeper keeper, Optional<LoginToken> read) {
    LoginToken held = keeper.token();
    if (read.isEmpty()) {
      return;
    }
    LoginToken found = read.get();
    boolean otherSignIn = held != null && !held.dpopKey().equals(found.dpopKey());
    if (held == null
        || otherSignIn
        || found.credentials().expiration().isAfter(held.credentials().expiration())) {
      keeper.refreshRefused = false;
      keeper.lastError = null;
      keeper.refresher.offer(found);
      LOG.info(
          "{}: took the session from the login cache, credentials expire {}",
          keeper.settings.label(),
          found.credentials().expiration());
    }
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return context.owner().executeBlocking(work, false);
  }

  /** What one session's refresher calls, and when its timer refreshes or announces a sign-in. */
  private Refresher.Rules<LoginToken> rules(SessionKeeper keeper) {
    return new Refresher.Rules<>() {
      @Override
      public Future<LoginToken> fetch() {
        LoginToken old = keeper.token();
        return blocking(() -> sdk.refresh(keeper.settings, old))
            .andThen(
                result -> {
                  if (result.succeeded()) {
                    keeper.lastError = null;
                    LOG.info(
                        "{}: credentials refreshed, expire {}",
                        keeper.settings.label(),
                        result.result().credentials().expiration());
                    return;
                  }
                  keeper.lastError = result.cause().getMessage();
                  LOG.warn("{}: {}", keeper.settings.label(), keeper.lastError);
                  if (result.cause() instanceof LoginCallException call
                      && call.kind() == Kind.SIGN_IN_NEEDED) {
                    keeper.refreshRefused = true;
                    signInNeeded.accept(keeper);
                  }
                });
      }

      @Override
      public boolean validAt(LoginToken token, Instant when) {
        return token.credentials().expiration().isAfter(when);
      }

      /**
       * The next refresh (or retry), or the announcement of the session's end if sooner. Reads
       * {@code settled}, not the keeper's token: the refresher publishes it after this answers.
       */
      @Override
      public Instant next(Refresher.State<LoginToken> settled, Instant now) {
        LoginToken token = settled.value();
        keeper.seen(token, now);
        keeper.nextRefresh = null;
        if (!keeper.refreshable(token)) {
          return null;
        }
        Instant ahead = token.credentials().expiration().minus(REFRESH_AHEAD);
        Instant soonest = now.plus(RETRY);
        keeper.nextRefresh = settled.failure() != null || ahead.isBefore(soonest) ? soonest : ahead;
        Instant ends = keeper.sessionEnds(token);
        // No announcement is due while a sign-in runs, or once this sign-in's end was told.
        boolean told =
            keeper.flow != null || SessionKeeper.chain(token).equals(keeper.announcedFor);
        if (ends != null && !told && ends.minus(lead).isBefore(keeper.nextRefresh)) {
          return ends.minus(lead);
        }
        return keeper.nextRefresh;
      }

      @Override
      public boolean due() {
        Instant now = clock.instant();
        announceIfEnding(keeper, now);
        if (keeper.refreshable()
            && keeper.nextRefresh != null
            && !now.isBefore(keeper.nextRefresh)) {
          return true;
        }
        keeper.refresher.reschedule();
        return false;
      }
    };
  }
}

package dev.rolekeeper.sso;

import dev.rolekeeper.sso.SsoCallException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one SSO session's access token fresh: picks up newer tokens from the cache, refreshes ahead
 * of expiry (one refresh at a time) and arms the session's single timer — for the next refresh, or
 * for announcing that a sign-in is needed. Confined to the {@link SsoSessions} context.
 */
final class TokenRenewal {

  // Same logger as SsoSessions: operators filter on that category.
  private static final Logger LOG = LoggerFactory.getLogger(SsoSessions.class);

  private static final Duration FLOOR = Duration.ofMinutes(1);
  private static final Duration RETRY = Duration.ofSeconds(30);
  private static final Duration TIMER_CAP = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final SsoTokenCache cache;
  private final SsoCalls calls;
  private final Clock clock;
  private final Duration lead;
  private final Consumer<TokenKeeper> signInNeeded;
  private volatile boolean stopped;

  TokenRenewal(
      Vertx vertx,
      SsoTokenCache cache,
      SsoCalls calls,
      Clock clock,
      Duration lead,
      Consumer<TokenKeeper> signInNeeded) {
    this.vertx = vertx;
    this.cache = cache;
    this.calls = calls;
    this.clock = clock;
    this.lead = lead;
    this.signInNeeded = signInNeeded;
  }

  /** From now on nothing is armed; a refresh under way still completes. */
  void stop() {
    stopped = true;
  }

  /** A token valid for a while yet, refreshed if need be; fails when a sign-in is needed. */
  Future<SsoToken> usableToken(TokenKeeper keeper) {
    Instant now = clock.instant();
    SsoToken held = keeper.token;
    if (held != null && held.validAt(now.plus(SsoSessions.REFRESH_AHEAD))) {
      return Future.succeededFuture(held);
    }
    return reload(keeper)
        .compose(
            v -> {
              SsoToken current = keeper.token;
              if (current != null && current.validAt(now.plus(SsoSessions.REFRESH_AHEAD))) {
                return Future.succeededFuture(current);
              }
              if (keeper.refreshableAt(now)) {
                return refresh(keeper).recover(failure -> fallback(keeper, failure));
              }
              return fallback(keeper, null);
            });
  }

  /** No fresher token: use the one held while it lasts, else a sign-in is needed. */
  private Future<SsoToken> fallback(TokenKeeper keeper, Throwable failure) {
    SsoToken current = keeper.token;
    if (current != null && current.validAt(clock.instant().plus(FLOOR))) {
      return Future.succeededFuture(current);
    }
    if (failure instanceof SsoCallException call && call.kind() == Kind.RETRYABLE) {
      return Future.failedFuture(failure);
    }
    signInNeeded.accept(keeper);
    return Future.failedFuture(
        new SsoCallException(Kind.SIGN_IN_NEEDED, "SsoLoginRequired", "no valid sign-in"));
  }

  /** Reads the cache: a newer token (say from {@code aws sso login}) replaces the one held. */
  private Future<Void> reload(TokenKeeper keeper) {
    return blocking(() -> cache.read(keeper.settings))
        .map(
            read -> {
              SsoToken held = keeper.token;
              if (read.isPresent()
                  && (held == null || read.get().expiresAt().isAfter(held.expiresAt()))) {
                keeper.token = read.get();
                keeper.refreshRefused = false;
                schedule(keeper);
              }
              return (Void) null;
            })
        .recover(
            failure -> {
              keeper.lastError = "cannot read the token cache: " + failure.getMessage();
              LOG.warn("{}: {}", keeper.settings.label(), keeper.lastError);
              return Future.succeededFuture();
            });
  }

  private Future<SsoToken> refresh(TokenKeeper keeper) {
    if (keeper.refreshing != null) {
      return keeper.refreshing;
    }
    SsoToken old = keeper.token;
    Promise<SsoToken> settled = Promise.promise();
    keeper.refreshing = settled.future();
    blocking(
            () -> {
              SsoToken renewed = calls.refresh(old, keeper.settings.caBundle());
              cache.write(keeper.settings, renewed);
              return renewed;
            })
        .onComplete(
            result -> {
              keeper.refreshing = null;
              if (result.succeeded()) {
                keeper.token = result.result();
                keeper.lastError = null;
                LOG.info(
                    "{}: access token refreshed, expires {}",
                    keeper.settings.label(),
                    result.result().expiresAt());
              } else {
                keeper.lastError = result.cause().getMessage();
                if (result.cause() instanceof SsoCallException call
                    && call.kind() == Kind.SIGN_IN_NEEDED) {
                  keeper.refreshRefused = true;
                }
                LOG.warn("{}: {}", keeper.settings.label(), keeper.lastError);
              }
              schedule(keeper);
              settled.handle(result);
            });
    return settled.future();
  }

  /** Arms the one timer of a session: the next proactive refresh, or the sign-in announcement. */
  void schedule(TokenKeeper keeper) {
    if (keeper.timerId >= 0) {
      vertx.cancelTimer(keeper.timerId);
      keeper.timerId = -1;
    }
    Instant now = clock.instant();
    SsoToken held = keeper.token;
    if (held == null || keeper.flow != null || stopped) {
      return;
    }
    Instant at =
        keeper.refreshableAt(now)
            ? held.expiresAt().minus(SsoSessions.REFRESH_AHEAD)
            : held.expiresAt().minus(lead);
    if (keeper.lastError != null && keeper.refreshableAt(now)) {
      at = now.plus(RETRY);
    }
    Instant due = at;
    long delay = Math.max(1, Math.min(Duration.between(now, due).toMillis(), TIMER_CAP.toMillis()));
    keeper.timerId =
        vertx.setTimer(
            delay,
            id -> {
              keeper.timerId = -1;
              if (clock.instant().isBefore(due)) {
                schedule(keeper);
              } else if (keeper.refreshableAt(clock.instant())) {
                refresh(keeper);
              } else {
                signInNeeded.accept(keeper);
              }
            });
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}

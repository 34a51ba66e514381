package dev.rolekeeper.sso;

import dev.rolekeeper.session.Refresher;
import dev.rolekeeper.sso.SsoCallException.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SSO sessions' access tokens fresh, each through its own {@link Refresher}: picks up
 * newer tokens from the cache, refreshes ahead of expiry (CreateToken, refresh grant) and writes
 * the token back, retries a failed refresh after a fixed pause, and — once the token can no longer
 * be refreshed — has the timer announce the sign-in {@code lead} before it is needed. Confined to
 * the {@link SsoSessions} context.
 */
final class TokenRenewal {

  // Same logger as SsoSessions: operators filter on that category.
  private static final Logger LOG = LoggerFactory.getLogger(SsoSessions.class);

  private static final Duration FLOOR = Duration.ofMinutes(1);
  private static final Duration RETRY = Duration.ofSeconds(30);

  private final Context context;
  private final SsoTokenCache cache;
  private final SsoCalls calls;
  private final Clock clock;
  private final Duration lead;
  private final Consumer<TokenKeeper> signInNeeded;
  private volatile boolean stopped;

  TokenRenewal(
      Context context,
      SsoTokenCache cache,
      SsoCalls calls,
      Clock clock,
      Duration lead,
      Consumer<TokenKeeper> signInNeeded) {
    this.context = context;
    this.cache = cache;
    this.calls = calls;
    this.clock = clock;
    this.lead = lead;
    this.signInNeeded = signInNeeded;
  }

  /** From now on nothing is armed, for new sessions too; a refresh under way still completes. */
  void stop() {
    stopped = true;
  }

  /** The refresher of {@code keeper}'s token: what to call, when, and what the timer does. */
  Refresher<SsoToken> refresherFor(TokenKeeper keeper) {
    Refresher<SsoToken> refresher = new Refresher<>(context, clock, null, rules(keeper));
    if (stopped) {
      refresher.stop();
    }
    return refresher;
  }

  /** A token valid for a while yet, refreshed if need be; fails when a sign-in is needed. */
  Future<SsoToken> usableToken(TokenKeeper keeper) {
    Instant now = clock.instant();
    // The cache is read only when the token held is not good for long: it may hold a newer one.
    boolean fresh = keeper.refresher.validAt(now.plus(SsoSessions.REFRESH_AHEAD)) != null;
    return (fresh ? Future.<Void>succeededFuture() : reload(keeper))
        .compose(
            v -> {
              SsoToken current = keeper.refresher.validAt(now.plus(SsoSessions.REFRESH_AHEAD));
              if (current != null) {
                return Future.succeededFuture(current);
              }
              if (keeper.refreshableAt(now)) {
                return keeper.refresher.refresh().recover(failure -> fallback(keeper, failure));
              }
              return fallback(keeper, null);
            });
  }

  /** No fresher token: use the one held while it lasts, else a sign-in is needed. */
  private Future<SsoToken> fallback(TokenKeeper keeper, Throwable failure) {
    SsoToken current = keeper.refresher.validAt(clock.instant().plus(FLOOR));
    if (current != null) {
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
              SsoToken held = keeper.token();
              if (read.isPresent()
                  && (held == null || read.get().expiresAt().isAfter(held.expiresAt()))) {
                keeper.refreshRefused = false;
                keeper.refresher.offer(read.get());
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

  private <T> Future<T> blocking(Callable<T> work) {
    return context.owner().executeBlocking(work, false);
  }

  /** What one session's refresher calls, and when its timer refreshes or announces a sign-in. */
  private Refresher.Rules<SsoToken> rules(TokenKeeper keeper) {
    return new Refresher.Rules<>() {
      @Override
      public Future<SsoToken> fetch() {
        SsoToken old = keeper.token();
        return blocking(
                () -> {
                  SsoToken renewed = calls.refresh(old, keeper.settings.caBundle());
                  cache.write(keeper.settings, renewed);
                  return renewed;
                })
            .andThen(
                result -> {
                  if (result.succeeded()) {
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
                });
      }

      @Override
      public boolean validAt(SsoToken token, Instant when) {
        return token.validAt(when);
      }

      /**
       * The next proactive refresh (or retry), or when to announce a sign-in; none while one runs.
       */
      @Override
      public Instant next(Refresher.State<SsoToken> settled, Instant now) {
        SsoToken token = settled.value();
        if (token == null || keeper.flow != null) {
          return null;
        }
        if (!keeper.refreshable(token, now)) {
          return token.expiresAt().minus(lead);
        }
        return keeper.lastError != null
            ? now.plus(RETRY)
            : token.expiresAt().minus(SsoSessions.REFRESH_AHEAD);
      }

      @Override
      public boolean due() {
        if (keeper.refreshableAt(clock.instant())) {
          return true;
        }
        signInNeeded.accept(keeper);
        return false;
      }
    };
  }
}

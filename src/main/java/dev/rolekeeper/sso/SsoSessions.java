package dev.rolekeeper.sso;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.session.SsoRoleSource;
import dev.rolekeeper.sso.SsoCallException.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps IAM Identity Center sign-ins usable: reads the AWS CLI's token cache, refreshes the access
 * token (CreateToken, refresh grant) ahead of expiry and writes it back, gets role credentials from
 * the portal, and — when the token can no longer be renewed — announces the sign-in ahead of time
 * and runs the device sign-in, one per SSO session whichever way it was started (notification,
 * {@code rolekeeper login}).
 *
 * <p>Threading: all state lives on this object's own context; public methods may be called from any
 * thread and complete on that context.
 */
public final class SsoSessions implements SsoRoleSource {

  private static final Logger LOG = LoggerFactory.getLogger(SsoSessions.class);

  /** The access token is renewed this long before it expires (the SDKs renew 5 minutes before). */
  static final Duration REFRESH_AHEAD = Duration.ofMinutes(10);

  private static final Duration FLOOR = Duration.ofMinutes(1);
  private static final Duration RETRY = Duration.ofSeconds(30);
  private static final Duration TIMER_CAP = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final Context context;
  private final SsoTokenCache cache;
  private final SsoCalls calls;
  private final Clock clock;
  private final Duration lead;
  private final Map<String, TokenKeeper> keepers = new ConcurrentHashMap<>();
  private final SignIns signIns;
  private volatile boolean stopped;

  /**
   * @param lead how long before a sign-in is needed it is announced
   */
  public SsoSessions(
      Vertx vertx,
      SsoTokenCache cache,
      SsoCalls calls,
      SignInPrompter prompter,
      Clock clock,
      Duration lead) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.cache = cache;
    this.calls = calls;
    this.clock = clock;
    this.lead = lead;
    this.signIns = new SignIns(vertx, context, cache, calls, prompter, clock, this::schedule);
  }

  /**
   * Called with the session name after every successful sign-in (to refresh the profiles waiting on
   * it).
   */
  public void onSignedIn(Consumer<String> listener) {
    signIns.onSignedIn(listener);
  }

  @Override
  public Future<AwsCredentials> roleCredentials(String profile, SsoSettings settings) {
    return onContext(
        () -> {
          TokenKeeper keeper =
              keepers.computeIfAbsent(settings.cacheKey(), k -> new TokenKeeper(settings));
          keeper.profiles.add(profile);
          return usableToken(keeper)
              .compose(
                  token -> blocking(() -> calls.roleCredentials(settings, token.accessToken())))
              .recover(failure -> Future.failedFuture(signIns.unavailable(keeper, failure)));
        });
  }

  /**
   * Starts a sign-in (or joins the one under way) for the SSO session {@code name} (session name or
   * start URL); {@code null} picks the only session, or the first needing a sign-in.
   */
  public Future<SsoCalls.DeviceCode> startSignIn(String name, boolean openBrowser) {
    return onContext(
        () -> {
          Optional<TokenKeeper> keeper = find(name);
          if (keeper.isEmpty()) {
            return Future.failedFuture(
                new IllegalArgumentException(
                    name == null
                        ? "no IAM Identity Center profile is served"
                        : "no served profile uses SSO session '" + name + "'"));
          }
          return signIns.start(keeper.get(), openBrowser);
        });
  }

  /**
   * Cancels every timer for good (the daemon stops); a sign-in under way finishes but arms nothing.
   */
  public void stop() {
    stopped = true;
    context.runOnContext(
        v ->
            keepers
                .values()
                .forEach(
                    keeper -> {
                      if (keeper.timerId >= 0) {
                        vertx.cancelTimer(keeper.timerId);
                        keeper.timerId = -1;
                      }
                    }));
  }

  /** A secret-free line per SSO session, in name order. Any thread. */
  public List<SsoSessionStatus> status() {
    Instant now = clock.instant();
    return keepers.values().stream()
        .map(k -> k.status(now))
        .sorted(java.util.Comparator.comparing(SsoSessionStatus::name))
        .toList();
  }

  private Optional<TokenKeeper> find(String name) {
    if (name != null && !name.isBlank()) {
      return Optional.ofNullable(keepers.get(name));
    }
    Instant now = clock.instant();
    return keepers.values().stream()
        .sorted(java.util.Comparator.comparing(TokenKeeper::name))
        .min(java.util.Comparator.comparing(k -> k.signInNeededBy(now) == null ? 1 : 0));
  }

  private Future<SsoToken> usableToken(TokenKeeper keeper) {
    Instant now = clock.instant();
    SsoToken held = keeper.token;
    if (held != null && held.validAt(now.plus(REFRESH_AHEAD))) {
      return Future.succeededFuture(held);
    }
    return reload(keeper)
        .compose(
            v -> {
              SsoToken current = keeper.token;
              if (current != null && current.validAt(now.plus(REFRESH_AHEAD))) {
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
    signIns.needed(keeper);
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
              SsoToken renewed = calls.refresh(old);
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
  private void schedule(TokenKeeper keeper) {
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
            ? held.expiresAt().minus(REFRESH_AHEAD)
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
                signIns.needed(keeper);
              }
            });
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(promise));
    return promise.future();
  }
}

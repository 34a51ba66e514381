package dev.rolekeeper.sso;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.session.SsoRoleSource;
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

  /** The access token is renewed this long before it expires (the SDKs renew 5 minutes before). */
  static final Duration REFRESH_AHEAD = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final Context context;
  private final SsoCalls calls;
  private final Clock clock;
  private final Map<String, TokenKeeper> keepers = new ConcurrentHashMap<>();
  private final TokenRenewal renewal;
  private final SignIns signIns;

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
    this.calls = calls;
    this.clock = clock;
    this.renewal = new TokenRenewal(context, cache, calls, clock, lead, this::signInNeeded);
    this.signIns = new SignIns(vertx, context, cache, calls, prompter, clock);
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
              keepers.computeIfAbsent(settings.cacheKey(), k -> new TokenKeeper(settings, renewal));
          keeper.profiles.add(profile);
          return renewal
              .usableToken(keeper)
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
    renewal.stop();
    keepers.values().forEach(keeper -> keeper.refresher.stop());
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

  // A method, not a lambda: the renewal is built before the sign-ins it hands keepers to.
  private void signInNeeded(TokenKeeper keeper) {
    signIns.needed(keeper);
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

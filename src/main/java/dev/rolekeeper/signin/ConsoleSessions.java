package dev.rolekeeper.signin;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.session.LoginSource;
import dev.rolekeeper.sso.SignInPrompter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps console sign-in sessions ({@code login_session} profiles, {@code aws login}) usable: one
 * keeper per {@code login_session} value, shared by every profile naming it, that takes newer
 * sessions from the AWS CLI's login cache, refreshes through the AWS Sign-In service with the SDK's
 * own login provider ahead of expiry, serves the last good credentials through failures, and — when
 * the service refuses the refresh, or ahead of the session's 12-hour end — announces the next
 * sign-in and runs it through the browser, one per session whichever way it was started
 * (notification, {@code rolekeeper login}).
 *
 * <p>Threading: all state lives on this object's own context; public methods may be called from any
 * thread and complete on that context.
 */
public final class ConsoleSessions implements LoginSource {

  /**
   * A sign-in under way.
   *
   * @param session the {@code login_session} value
   * @param profiles the served profiles using it
   * @param authorizeUrl the Sign-In service's page to approve it in the browser
   * @param attempt its number, which grows with each sign-in started: its outcome is the {@link
   *     ConsoleSessionStatus#lastSignIn()} of this number
   * @param startedAt when it started
   */
  public record Started(
      String session, List<String> profiles, String authorizeUrl, long attempt, Instant startedAt) {
    public Started {
      profiles = List.copyOf(profiles);
    }
  }

  private final Context context;
  private final Clock clock;
  private final Map<String, SessionKeeper> keepers = new ConcurrentHashMap<>();
  private final SessionRenewal renewal;
  private final ConsoleSignIns signIns;

  /**
   * @param lead how long before the session's estimated end the next sign-in is announced
   */
  ConsoleSessions(
      Vertx vertx,
      SdkRefresh sdk,
      BrowserSignIn browser,
      SignInPrompter prompter,
      Clock clock,
      Duration lead) {
    this.context = vertx.getOrCreateContext();
    this.clock = clock;
    LoginCache cache = sdk.cache();
    this.renewal = new SessionRenewal(context, sdk, cache, clock, lead, this::signInNeeded);
    this.signIns = new ConsoleSignIns(context, cache, browser, prompter, clock);
  }

  /** Called with the {@code login_session} value after every successful sign-in. */
  public void onSignedIn(Consumer<String> listener) {
    signIns.onSignedIn(listener);
  }

  @Override
  public Future<AwsCredentials> credentials(String profile, LoginSettings settings) {
    return onContext(
        () -> {
          SessionKeeper keeper =
              keepers.computeIfAbsent(
                  settings.session(), s -> new SessionKeeper(settings, renewal));
          keeper.profiles.add(profile);
          return renewal
              .usableToken(keeper)
              .map(LoginToken::credentials)
              .recover(
                  failure -> Future.failedFuture(signIns.unavailable(keeper, profile, failure)));
        });
  }

  /**
   * Starts a browser sign-in (or joins the one under way) of the console session {@code name}
   * names: a served profile or a {@code login_session} value; {@code null} picks the only session,
   * or the first needing a sign-in. Fails with {@link IllegalArgumentException} when none matches.
   */
  public Future<Started> startSignIn(String name, boolean openBrowser) {
    return onContext(
        () -> {
          Optional<SessionKeeper> keeper = find(name);
          if (keeper.isEmpty()) {
            return Future.failedFuture(
                new IllegalArgumentException(
                    name == null || name.isBlank()
                        ? "no console sign-in profile is served"
                        : "no served profile uses console sign-in '" + name + "'"));
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

  /** A secret-free line per console session, in session order. Any thread. */
  public List<ConsoleSessionStatus> status() {
    Instant now = clock.instant();
    return keepers.values().stream()
        .map(k -> k.status(now))
        .sorted(Comparator.comparing(ConsoleSessionStatus::session))
        .toList();
  }

  /**
   * The {@code loginSessions} field of {@code GET /control/status}, one object per session: {@code
   * session}, {@code profiles} (comma-separated), {@code state}, {@code expires}, {@code
   * sessionEnds}, {@code signInNeededBy}, {@code lastError}, and {@code lastSignIn}: null, or how
   * the last browser sign-in that finished ended, {@code {attempt, started, finished, ok, error}}
   * ({@link ConsoleSessionStatus.LastSignIn}). Any thread.
   */
  public JsonArray statusJson() {
    JsonArray all = new JsonArray();
    for (ConsoleSessionStatus s : status()) {
      ConsoleSessionStatus.LastSignIn last = s.lastSignIn();
      all.add(
          new JsonObject()
              .put("session", s.session())
              .put("profiles", String.join(",", s.profiles()))
              .put("state", s.state())
              .put("expires", iso(s.times().expires()))
              .put("sessionEnds", iso(s.times().sessionEnds()))
              .put("signInNeededBy", iso(s.times().signInNeededBy()))
              .put("lastError", s.lastError())
              .put(
                  "lastSignIn",
                  last == null
                      ? null
                      : new JsonObject()
                          .put("attempt", last.attempt())
                          .put("started", iso(last.started()))
                          .put("finished", iso(last.finished()))
                          .put("ok", last.ok())
                          .put("error", last.error())));
    }
    return all;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private Optional<SessionKeeper> find(String name) {
    if (name != null && !name.isBlank()) {
      SessionKeeper bySession = keepers.get(name);
      if (bySession != null) {
        return Optional.of(bySession);
      }
      return keepers.values().stream().filter(k -> k.profiles.contains(name)).findFirst();
    }
    return keepers.values().stream()
        .sorted(Comparator.comparing(SessionKeeper::session))
        .min(Comparator.comparing(k -> k.refreshable() ? 1 : 0));
  }

  // A method, not a lambda: the renewal is built before the sign-ins it hands keepers to.
  private void signInNeeded(SessionKeeper keeper) {
    signIns.needed(keeper);
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(promise));
    return promise.future();
  }
}

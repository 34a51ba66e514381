package dev.rolekeeper.signin;

import dev.rolekeeper.session.LoginSource;
import dev.rolekeeper.session.StsFailureException;
import dev.rolekeeper.signin.LoginCallException.Kind;
import dev.rolekeeper.sso.SignInNeed;
import dev.rolekeeper.sso.SignInPrompter;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in side of {@link ConsoleSessions}: announces a needed sign-in once per sign-in session
 * (log line and prompter), runs at most one browser sign-in per console session however it was
 * started, adopts its session and tells the listeners, and says what a profile is told when no
 * credentials came. Confined to the {@link ConsoleSessions} context.
 */
final class ConsoleSignIns {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessions.class);

  private final Context context;
  private final LoginCache cache;
  private final BrowserSignIn browser;
  private final SignInPrompter prompter;
  private final Clock clock;
  private final List<Consumer<String>> signedIn = new CopyOnWriteArrayList<>();

  /** The number of the last sign-in started, of any session. */
  private long attempts;

  ConsoleSignIns(
      Context context,
      LoginCache cache,
      BrowserSignIn browser,
      SignInPrompter prompter,
      Clock clock) {
    this.context = context;
    this.cache = cache;
    this.browser = browser;
    this.prompter = prompter;
    this.clock = clock;
  }

  void onSignedIn(Consumer<String> listener) {
    signedIn.add(listener);
  }

  /** Tells the person a sign-in is needed, once for the sign-in the token held continues. */
  void needed(SessionKeeper keeper) {
    String chain = SessionKeeper.chain(keeper.token());
    if (keeper.flow != null || chain.equals(keeper.announcedFor)) {
      return;
    }
    keeper.announcedFor = chain;
    SignInNeed need = keeper.need(clock.instant());
    LOG.warn(
        "Sign in to AWS: {} it by {} ({}): run `rolekeeper login {}` (or `aws login --profile {}`)"
            + " or answer the desktop notification",
        need.whoNeeds(),
        need.neededBy(),
        need.label(),
        need.name(),
        need.name());
    prompter.announce(need, () -> context.runOnContext(v -> start(keeper, true)));
  }

  /** Starts the browser sign-in of {@code keeper}'s session, or joins the one under way. */
  Future<ConsoleSessions.Started> start(SessionKeeper keeper, boolean openBrowser) {
    Future<ConsoleSessions.Started> running = keeper.flow;
    if (running != null) {
      return running;
    }
    Promise<ConsoleSessions.Started> started = Promise.promise();
    keeper.flow = started.future();
    long number = ++attempts;
    Instant begun = clock.instant();
    keeper.refresher.reschedule();
    LOG.info("{}: signing in through the browser", keeper.settings.label());
    Future<BrowserSignIn.Attempt> attempt;
    try {
      attempt = browser.start(keeper.settings);
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    attempt.onComplete(
        result ->
            context.runOnContext(
                v -> {
                  if (result.failed()) {
                    failed(keeper, result.cause(), number, begun);
                    started.fail(result.cause());
                    return;
                  }
                  BrowserSignIn.Attempt underWay = result.result();
                  started.complete(
                      new ConsoleSessions.Started(
                          keeper.session(),
                          List.copyOf(keeper.profiles),
                          underWay.authorizeUrl(),
                          number,
                          begun));
                  if (openBrowser) {
                    prompter.openBrowser(underWay.authorizeUrl());
                  }
                  underWay
                      .done()
                      .onComplete(
                          done ->
                              context.runOnContext(
                                  w -> {
                                    if (done.succeeded()) {
                                      adopt(keeper, done.result(), number, begun);
                                    } else {
                                      failed(keeper, done.cause(), number, begun);
                                    }
                                  }));
                }));
    return started.future();
  }

  /**
   * Holds the new session, once a refresh of the old one under way has settled, and makes sure the
   * cache holds it too (that refresh may have written the old session over it).
   */
  private void adopt(SessionKeeper keeper, LoginToken token, long number, Instant begun) {
    Future<LoginToken> refreshing = keeper.refresher.running();
    (refreshing == null
            ? Future.<Void>succeededFuture()
            : refreshing.<Void>transform(r -> Future.succeededFuture()))
        .compose(
            v ->
                context
                    .owner()
                    .executeBlocking(
                        () -> {
                          Optional<LoginToken> cached = cache.read(keeper.session());
                          if (cached.isEmpty() || !cached.get().dpopKey().equals(token.dpopKey())) {
                            cache.write(keeper.session(), token);
                          }
                          return (Void) null;
                        },
                        false))
        .onComplete(
            written -> {
              keeper.flow = null;
              keeper.refreshRefused = false;
              keeper.lastError =
                  written.succeeded()
                      ? null
                      : "signed in, but the login cache could not be written: "
                          + written.cause().getMessage();
              keeper.refresher.offer(token);
              LOG.info(
                  "{}: signed in, credentials expire {}",
                  keeper.settings.label(),
                  token.credentials().expiration());
              // Last, so whoever sees the outcome sees the new session with it.
              keeper.lastSignIn = finished(number, begun, null);
              signedIn.forEach(listener -> listener.accept(keeper.session()));
            });
  }

  private void failed(SessionKeeper keeper, Throwable cause, long number, Instant begun) {
    keeper.flow = null;
    keeper.lastError = "sign-in failed: " + cause.getMessage();
    keeper.lastSignIn = finished(number, begun, keeper.lastError);
    LOG.warn("{}: {}", keeper.settings.label(), keeper.lastError);
    keeper.refresher.reschedule();
  }

  private ConsoleSessionStatus.LastSignIn finished(long number, Instant begun, String error) {
    return new ConsoleSessionStatus.LastSignIn(number, begun, clock.instant(), error);
  }

  /**
   * What {@code profile} is told when no credentials came: {@link LoginSource#LOGIN_REQUIRED}
   * naming the commands when only a sign-in helps.
   */
  StsFailureException unavailable(SessionKeeper keeper, String profile, Throwable failure) {
    if (failure instanceof LoginCallException call && call.kind() == Kind.SIGN_IN_NEEDED) {
      return new StsFailureException(
          new StsOutcome.Failed(
              FailureKind.FATAL,
              LoginSource.LOGIN_REQUIRED,
              keeper.settings.label()
                  + " needs a sign-in ("
                  + call.getMessage()
                  + "): run `rolekeeper login "
                  + profile
                  + "` (or `aws login --profile "
                  + profile
                  + "`, or answer the desktop notification)"));
    }
    if (failure instanceof LoginCallException call) {
      return new StsFailureException(
          new StsOutcome.Failed(
              call.kind() == Kind.RETRYABLE ? FailureKind.RETRYABLE : FailureKind.FATAL,
              call.code(),
              keeper.settings.label() + ": " + call.getMessage()));
    }
    return new StsFailureException(
        new StsOutcome.Failed(
            FailureKind.RETRYABLE, "InternalError", String.valueOf(failure.getMessage())));
  }
}

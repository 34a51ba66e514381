package dev.rolekeeper.sso;

import dev.rolekeeper.session.SsoRoleSource.SsoUnavailableException;
import dev.rolekeeper.sso.SsoCallException.Kind;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in side of {@link SsoSessions}: announces a needed sign-in once per token (log line and
 * prompter), and runs at most one device sign-in per SSO session however it was started, writing
 * the new token to the cache and telling the listeners. Confined to the {@link SsoSessions}
 * context.
 */
final class SignIns {

  private static final Logger LOG = LoggerFactory.getLogger(SsoSessions.class);

  private final Vertx vertx;
  private final Context context;
  private final SsoTokenCache cache;
  private final SsoCalls calls;
  private final SignInPrompter prompter;
  private final Clock clock;
  private final List<Consumer<String>> signedIn = new CopyOnWriteArrayList<>();

  SignIns(
      Vertx vertx,
      Context context,
      SsoTokenCache cache,
      SsoCalls calls,
      SignInPrompter prompter,
      Clock clock) {
    this.vertx = vertx;
    this.context = context;
    this.cache = cache;
    this.calls = calls;
    this.prompter = prompter;
    this.clock = clock;
  }

  void onSignedIn(Consumer<String> listener) {
    signedIn.add(listener);
  }

  void needed(TokenKeeper keeper) {
    SsoToken held = keeper.token();
    Instant tokenExpiry = held == null ? Instant.EPOCH : held.expiresAt();
    if (keeper.flow != null || tokenExpiry.equals(keeper.announcedFor)) {
      return;
    }
    keeper.announcedFor = tokenExpiry;
    SignInNeed need = keeper.need(clock.instant());
    LOG.warn(
        "Sign in to AWS: {} it by {} ({}): run `rolekeeper login {}` or answer the desktop notification",
        need.whoNeeds(),
        need.neededBy(),
        need.label(),
        need.name());
    prompter.announce(need, () -> context.runOnContext(v -> start(keeper, true)));
  }

  Future<SsoCalls.DeviceCode> start(TokenKeeper keeper, boolean openBrowser) {
    SignInFlow running = keeper.flow;
    if (running != null) {
      return running.started();
    }
    SignInFlow flow = new SignInFlow(vertx, calls, keeper.settings, clock).start(keeper.token());
    keeper.flow = flow;
    keeper.refresher.reschedule();
    if (openBrowser) {
      flow.started().onSuccess(device -> prompter.openBrowser(device.verificationUriComplete()));
    }
    flow.finished()
        .compose(
            token ->
                vertx.executeBlocking(
                    () -> {
                      cache.write(keeper.settings, token);
                      return token;
                    }))
        .onComplete(
            result -> {
              keeper.flow = null;
              if (result.succeeded()) {
                keeper.refreshRefused = false;
                keeper.lastError = null;
                keeper.announcedFor = null;
                keeper.refresher.offer(result.result());
                LOG.info(
                    "{}: signed in, token expires {}",
                    keeper.settings.label(),
                    result.result().expiresAt());
                signedIn.forEach(listener -> listener.accept(keeper.name()));
              } else {
                keeper.lastError = "sign-in failed: " + result.cause().getMessage();
                LOG.warn("{}: {}", keeper.settings.label(), keeper.lastError);
                keeper.refresher.reschedule();
              }
            });
    return flow.started();
  }

  /**
   * What the session is told when no role credentials came: SsoLoginRequired when only a sign-in
   * helps.
   */
  SsoUnavailableException unavailable(TokenKeeper keeper, Throwable failure) {
    if (failure instanceof SsoCallException call && call.kind() == Kind.SIGN_IN_NEEDED) {
      if (!"SsoLoginRequired".equals(call.code())) {
        // The portal refused the token after all: it was revoked or the SSO session ended.
        keeper.refreshRefused = true;
        keeper.refresher.forget();
        needed(keeper);
      }
      return new SsoUnavailableException(
          FailureKind.FATAL,
          "SsoLoginRequired",
          keeper.settings.label()
              + " needs a sign-in: run `rolekeeper login "
              + keeper.name()
              + "` (or answer the desktop notification)");
    }
    if (failure instanceof SsoCallException call) {
      return new SsoUnavailableException(
          call.kind() == Kind.RETRYABLE ? FailureKind.RETRYABLE : FailureKind.FATAL,
          call.code(),
          call.getMessage());
    }
    return new SsoUnavailableException(
        FailureKind.RETRYABLE, "InternalError", String.valueOf(failure.getMessage()));
  }
}

package dev.rolekeeper.signin;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.signin.CallbackHandler.Callback;
import dev.rolekeeper.signin.ConsoleSignInException.Reason;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.signin.model.CreateOAuth2TokenResponseBody;

/**
 * {@link BrowserSignIn} as {@code aws login} does it on the same device. Each {@link #start} makes
 * a fresh {@link SignInRequest} (state, PKCE verifier, DPoP key), listens on {@code 127.0.0.1} on a
 * free port for the redirect ({@link CallbackListener}: only this user's connections, checked by
 * the kernel; {@link CallbackHandler}), and hands out the authorization URL. The first redirect
 * decides: a code is exchanged through the SDK ({@link TokenExchange}), the ID token's principal
 * must be the profile's {@code login_session}, and the session is written to the login cache before
 * {@code done} completes; a denial, a redirect without this attempt's state or {@link #TIMEOUT}
 * without an answer fail it and write nothing. The listener is closed on every outcome. Blocking
 * work (the key, the endpoint rules, the exchange, the cache file) runs through {@code
 * executeBlocking}. No secret reaches a log line or an exception message.
 */
public final class ConsoleSignIn implements BrowserSignIn {

  /** How long the browser has to come back, as the AWS CLI waits. */
  public static final Duration TIMEOUT = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSignIn.class);

  private final Vertx vertx;
  private final LoginCache cache;
  private final TokenExchange exchange;
  private final Set<Integer> allowUids;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param cache the login cache the new session is written to
   * @param clients the Sign-In clients (on the daemon's proxies and CA bundles)
   * @param allowUids the uids admitted besides this process's own ({@code listen.allowUsers})
   */
  ConsoleSignIn(Vertx vertx, LoginCache cache, SigninClients clients, Set<Integer> allowUids) {
    this(vertx, cache, clients, allowUids, TIMEOUT, Clock.systemUTC());
  }

  /** Admitting only this process's user. */
  ConsoleSignIn(Vertx vertx, LoginCache cache, SigninClients clients) {
    this(vertx, cache, clients, Set.of());
  }

  ConsoleSignIn(
      Vertx vertx,
      LoginCache cache,
      SigninClients clients,
      Set<Integer> allowUids,
      Duration timeout,
      Clock clock) {
    this.vertx = vertx;
    this.cache = cache;
    this.exchange = new TokenExchange(clients);
    this.allowUids = Set.copyOf(allowUids);
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public Future<Attempt> start(LoginSettings settings) {
    return vertx
        .executeBlocking(
            () -> new Run(settings, TokenExchange.endpoint(settings), SignInRequest.fresh()), false)
        .compose(Run::listen);
  }

  /** One attempt: its listener, its timer and its outcome. */
  private final class Run {

    private final LoginSettings settings;
    private final URI endpoint;
    private final SignInRequest request;
    private final Promise<LoginToken> done = Promise.promise();
    private volatile String redirect;
    private volatile long timer = -1;

    Run(LoginSettings settings, URI endpoint, SignInRequest request) {
      this.settings = settings;
      this.endpoint = endpoint;
      this.request = request;
    }

    Future<Attempt> listen() {
      return CallbackListener.open(vertx, allowUids, new CallbackHandler(request.state(), this::on))
          .recover(
              e ->
                  Future.failedFuture(
                      new ConsoleSignInException(
                          Reason.UNREACHABLE,
                          "cannot listen on 127.0.0.1 for the sign-in's redirect: "
                              + e.getMessage())))
          .map(
              listener -> {
                redirect = SignInRequest.redirectUri(listener.port());
                timer = vertx.setTimer(timeout.toMillis(), id -> timedOut());
                done.future()
                    .onComplete(
                        outcome -> {
                          vertx.cancelTimer(timer);
                          listener.close();
                          if (outcome.succeeded()) {
                            LOG.info(
                                "Signed in: {}; credentials until {}",
                                settings.label(),
                                outcome.result().credentials().expiration());
                          } else {
                            LOG.warn(
                                "{} failed: {}", settings.label(), outcome.cause().getMessage());
                          }
                        });
                LOG.info(
                    "{}: waiting up to {} for the browser to come back to {}",
                    settings.label(),
                    timeoutText(),
                    redirect);
                return new Attempt(
                    request.authorizeUrl(TokenExchange.origin(endpoint), redirect), done.future());
              });
    }

    private void timedOut() {
      done.tryFail(
          new ConsoleSignInException(
              Reason.TIMED_OUT,
              "nobody finished the sign-in in the browser within " + timeoutText()));
    }

    /** The redirect's outcome, once its page is written. */
    private void on(Callback callback) {
      if (callback instanceof CallbackHandler.Code code) {
        // The person has answered: the exchange has its own time limit.
        vertx.cancelTimer(timer);
        vertx
            .executeBlocking(() -> redeem(code.code()), false)
            .onComplete(
                result -> {
                  if (result.succeeded()) {
                    done.tryComplete(result.result());
                  } else {
                    done.tryFail(failure(result.cause()));
                  }
                });
      } else if (callback instanceof CallbackHandler.Denied denied) {
        done.tryFail(
            new ConsoleSignInException(
                Reason.DENIED, "sign-in denied in the browser (" + denied.error() + ")"));
      } else {
        done.tryFail(
            new ConsoleSignInException(
                Reason.FOREIGN_REDIRECT,
                "sign-in abandoned: " + ((CallbackHandler.Foreign) callback).why()));
      }
    }

    /** Blocking: the exchange, the principal check, the cache file. */
    private LoginToken redeem(String code) {
      CreateOAuth2TokenResponseBody out = exchange.redeem(settings, request, code, redirect);
      IdToken id = IdToken.decode(out.idToken());
      if (!id.subject().equals(settings.session())) {
        throw new ConsoleSignInException(
            Reason.WRONG_PRINCIPAL,
            "signed in as "
                + id.subject()
                + ", but the profile names login_session "
                + settings.session()
                + ": sign in to the console as that principal, or change the profile");
      }
      if (out.accessToken() == null || out.refreshToken() == null || out.expiresIn() == null) {
        throw new ConsoleSignInException(
            Reason.REFUSED, "the Sign-In service's answer lacks credentials or tokens");
      }
      LoginToken token =
          new LoginToken(
              new AwsCredentials(
                  out.accessToken().accessKeyId(),
                  out.accessToken().secretAccessKey(),
                  out.accessToken().sessionToken(),
                  // whole seconds, as the cache file holds it: done's token is the file's
                  clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(out.expiresIn()),
                  id.accountId()),
              out.refreshToken(),
              SignInRequest.CLIENT_ID,
              request.dpopKey(),
              out.idToken());
      try {
        cache.write(settings.session(), token);
      } catch (IOException e) {
        throw new ConsoleSignInException(
            Reason.CACHE, "the new session could not be stored: " + e.getMessage());
      }
      return token;
    }
  }

  private String timeoutText() {
    return timeout.toMinutes() >= 1 ? timeout.toMinutes() + " minutes" : timeout.toMillis() + " ms";
  }

  /** Any failure as a {@link ConsoleSignInException}; others by their type only (no text). */
  private static ConsoleSignInException failure(Throwable cause) {
    if (cause instanceof ConsoleSignInException known) {
      return known;
    }
    return new ConsoleSignInException(
        Reason.REFUSED,
        "the Sign-In service's answer could not be used ("
            + cause.getClass().getSimpleName()
            + ")");
  }
}

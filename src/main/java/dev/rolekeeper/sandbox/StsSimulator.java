package dev.rolekeeper.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An STS look-alike on loopback, speaking the STS Query API (form POST to {@code /}, XML answers)
 * for {@code AssumeRole}, {@code GetSessionToken}, {@code AssumeRoleWithWebIdentity} and {@code
 * GetCallerIdentity}, so the AWS SDKs work against it unmodified (endpoint override). It verifies
 * SigV4 signatures against the keys in its {@link SimulatorConfig} and the sessions it issued,
 * checks TOTP MFA codes, enforces the STS limits and trust rules, and answers with STS's error
 * codes and shapes.
 *
 * <p>Test controls ({@link #sessionSecondsOverride}, {@link #failNext}, {@link #outage}, the call
 * counters) are thread-safe and may be called from any thread. Time comes from the injected {@link
 * Clock}: signature freshness, MFA codes and session expiry all follow it. The SDKs sign with the
 * real time, so a test moving the clock by more than 15 minutes also widens {@link #maxClockSkew}.
 *
 * <p>An outage closes the listening socket (clients see "connection refused", like a down endpoint)
 * and the end of the outage listens again on the same port.
 */
public final class StsSimulator {

  private static final Logger LOG = LoggerFactory.getLogger(StsSimulator.class);
  private static final String HOST = "127.0.0.1";
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final SimulatorConfig config;
  private final Clock clock;
  private final CredentialStore store;
  private final FaultHandler faults = new FaultHandler();
  private final CallCounter counter = new CallCounter();
  private final TotpVerifier totp = new TotpVerifier();
  private final SigV4Verifier verifier;
  private final SsoDirectory sso;
  private final SigninDirectory signin;
  private final WebIdentityTokens webIdentity = new WebIdentityTokens();

  private Vertx vertx;
  private Router router;
  private HttpServer server;
  private int port;
  private boolean stopped;
  private KeyCertOptions tls;

  public StsSimulator(SimulatorConfig config) {
    this(config, Clock.systemUTC());
  }

  public StsSimulator(SimulatorConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = new CredentialStore(config);
    this.verifier = new SigV4Verifier(clock, store::find);
    this.sso = new SsoDirectory(clock, "developer@example.com");
    this.signin = new SigninDirectory(clock, store, config.users());
  }

  /**
   * Starts listening on 127.0.0.1.
   *
   * @param port the port, or 0 for any free one
   * @return the port actually bound
   */
  public synchronized Future<Integer> start(Vertx vertx, int port) {
    if (this.vertx != null) {
      return Future.failedFuture(
          new IllegalStateException("STS simulator already started on port " + this.port));
    }
    this.vertx = vertx;
    this.router = buildRouter(vertx);
    return listen(port)
        .onFailure(e -> forgetVertx())
        .map(
            actual -> {
              LOG.info("STS simulator listening on {}://{}:{}/", scheme(), HOST, actual);
              return actual;
            });
  }

  /**
   * Serve HTTPS with this key and certificate instead of plain HTTP (tests of CA bundles and
   * proxies). Call before {@link #start}.
   */
  public synchronized StsSimulator withTls(KeyCertOptions keyCert) {
    this.tls = Objects.requireNonNull(keyCert, "keyCert");
    return this;
  }

  /** After a failed start (port taken), {@link #start} may be tried again. */
  private synchronized void forgetVertx() {
    vertx = null;
  }

  /** Stops listening for good (an outage can be ended; a stop cannot). */
  public synchronized Future<Void> stop() {
    stopped = true;
    return closeServer();
  }

  private synchronized Future<Void> closeServer() {
    HttpServer current = server;
    server = null;
    return current == null ? Future.succeededFuture() : current.close();
  }

  /** The port bound by {@link #start}. */
  public synchronized int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT} (https with TLS) — what to pass as the endpoint override. */
  public URI endpoint() {
    return URI.create(scheme() + "://" + HOST + ":" + port());
  }

  private synchronized String scheme() {
    return tls == null ? "http" : "https";
  }

  public SimulatorConfig config() {
    return config;
  }

  /** The simulated IAM Identity Center (SSO OIDC and portal) on this same port. */
  public SsoDirectory sso() {
    return sso;
  }

  /** The simulated AWS Sign-In ({@code aws login}) on this same port; its user is the first one. */
  public SigninDirectory signin() {
    return signin;
  }

  /**
   * The simulated OpenID Connect provider whose tokens {@code AssumeRoleWithWebIdentity} accepts
   * (for roles that trust {@link WebIdentityTokens#providerArn}).
   */
  public WebIdentityTokens webIdentity() {
    return webIdentity;
  }

  /**
   * Issue every new session for {@code seconds} whatever was asked for; {@code null} restores that.
   */
  public void sessionSecondsOverride(Integer seconds) {
    store.sessionSecondsOverride(seconds);
  }

  /**
   * How far a request's X-Amz-Date may be from the simulator's clock (STS: 15 minutes). Tests that
   * move the injected clock hours ahead while the SDK signs with the real time widen it.
   */
  public void maxClockSkew(Duration skew) {
    verifier.maxSkew(Objects.requireNonNull(skew, "skew"));
  }

  /** The next {@code times} requests meet {@code fault} (queued after faults already planned). */
  public void failNext(Fault fault, int times) {
    faults.failNext(Objects.requireNonNull(fault, "fault"), times);
  }

  /** Drops every planned fault. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Starts ({@code true}) or ends ({@code false}) an outage: during it, nothing listens on the
   * port, so connections are refused.
   */
  public synchronized Future<Void> outage(boolean down) {
    if (vertx == null || stopped) {
      return Future.failedFuture(new IllegalStateException("STS simulator is not running"));
    }
    if (down) {
      LOG.info("STS simulator outage: closing port {}", port);
      return closeServer();
    }
    return server != null ? Future.succeededFuture() : listen(port).mapEmpty();
  }

  /** Requests received for {@code action} (including those that were faulted or refused). */
  public int calls(String action) {
    return counter.calls(action);
  }

  public int totalCalls() {
    return counter.total();
  }

  public void resetCounters() {
    counter.reset();
  }

  private Future<Integer> listen(int wanted) {
    HttpServerOptions options = new HttpServerOptions();
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(tls);
    }
    return vertx
        .createHttpServer(options)
        .requestHandler(router)
        .listen(wanted, HOST)
        .map(
            bound -> {
              synchronized (this) {
                server = bound;
                port = bound.actualPort();
                return port;
              }
            });
  }

  private Router buildRouter(Vertx vertx) {
    MfaCheck mfa = new MfaCheck(store, totp);
    Router r = Router.router(vertx);
    r.route().handler(StsReplies::dated);
    r.post("/")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(new IntakeHandler(counter))
        .handler(faults)
        .handler(new AuthenticationHandler(verifier))
        .handler(
            new ActionDispatchHandler(
                List.of(
                    new AssumeRoleAction(config, mfa, store),
                    new GetSessionTokenAction(store, mfa),
                    new AssumeRoleWithWebIdentityAction(config, webIdentity, store),
                    new GetCallerIdentityAction()),
                clock));
    new SsoRoutes(sso, store, counter, this::port).mount(r, MAX_BODY_BYTES);
    new SigninRoutes(signin, counter, clock, this::endpoint).mount(r, MAX_BODY_BYTES);
    return r;
  }
}

package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.daemon.TokenStore;
import dev.rolekeeper.listen.PeerGate;
import dev.rolekeeper.listen.RequestDeadlines;
import dev.rolekeeper.session.SessionDirectory;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;

/**
 * The HTTP side of the daemon: the main port (container route {@code /v1/credentials/{profile}},
 * control routes {@code /control/*}) and, only when IMDS is {@linkplain ImdsChoice#enabled() on},
 * the IMDSv2 port, both on the loopback address of {@link EndpointOptions}.
 *
 * <p>{@link #start()} completes once the servers listen; {@link #actualPort()} and {@link
 * #actualImdsPort()} then give the bound ports (useful with port 0; the IMDS port is 0 when IMDS is
 * off). Undeploying closes the servers. Every answer comes from memory ({@link
 * SessionDirectory#lookup(String)}); only {@code POST /control/tokens} touches the disk, on a
 * worker.
 *
 * <p>Connections that do not deliver a complete request, head or body, in time are closed ({@link
 * EndpointOptions.ConnectionTimeouts}).
 *
 * <p>To run several instances on fixed ports, give them one shared {@link ImdsTokens} so a token
 * issued by one instance is accepted by the others.
 */
public final class EndpointVerticle extends VerticleBase {

  private final EndpointOptions options;
  private final SessionDirectory sessions;
  private final TokenStore tokens;
  private final ImdsTokens imdsTokens;
  private final EndpointAddOns addOns;
  private final ImdsRole imdsRole;
  private volatile int actualPort = -1;
  private volatile int actualImdsPort = -1;
  private volatile String peerNote;
  private PeerGate gate;

  /**
   * One of the instances of a deployment, which share the IMDS token registry and the IMDS role (a
   * reload may change it), with the routes and status other features add (the MFA page, the control
   * routes of MFA and SSO, sync status).
   */
  public EndpointVerticle(
      EndpointOptions options,
      SessionDirectory sessions,
      TokenStore tokens,
      ImdsTokens imdsTokens,
      EndpointAddOns addOns,
      ImdsRole imdsRole) {
    this.imdsRole = Objects.requireNonNull(imdsRole, "imdsRole");
    this.addOns = Objects.requireNonNull(addOns, "addOns");
    this.options = Objects.requireNonNull(options, "options");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.imdsTokens = Objects.requireNonNull(imdsTokens, "imdsTokens");
  }

  @Override
  public Future<?> start() {
    // The gate reads /proc and /etc/passwd once to know who is admitted: not on the event loop.
    return vertx
        .executeBlocking(() -> PeerGate.system(vertx, options.allowUids()))
        .compose(this::serve);
  }

  @Override
  public Future<?> stop() {
    if (gate != null) {
      // its netlink socket; stop runs on this verticle's event loop, where the gate is used
      gate.close();
    }
    return Future.succeededFuture();
  }

  private Future<?> serve(PeerGate gate) {
    this.gate = gate;
    peerNote = gate.describe();
    Routes routes = new Routes(vertx, options, sessions, tokens, imdsTokens, imdsRole);
    Future<HttpServer> main =
        listen(options.listen().port(), routes.mainRequests(addOns, peerNote), gate);
    // IMDSv2 has no client secret: without the settings' consent, no port is opened for it.
    Future<HttpServer> imds =
        options.imds().enabled()
            ? listen(options.listen().imdsPort(), routes.imds(), gate)
            : Future.succeededFuture(null);
    return Future.all(main, imds)
        .onSuccess(
            done -> {
              actualPort = main.result().actualPort();
              actualImdsPort = imds.result() == null ? 0 : imds.result().actualPort();
              if (actualImdsPort > 0) {
                imdsRole.listening(actualImdsPort);
              }
            })
        .<Void>mapEmpty()
        .recover(
            failure -> {
              // a verticle that fails to start is not stopped: its gate's socket is closed here
              gate.close();
              return vertx.<Void>executeBlocking(
                  () -> {
                    // naming who holds the port reads /proc: not on the event loop
                    throw PortTakenException.failure(options, failure);
                  });
            });
  }

  /**
   * Where this instance serves, and who may connect: the start-up line, which {@link
   * EndpointDeployment} logs once for all its instances (they share their ports).
   */
  public String servingSummary() {
    return "Serving credentials on http://"
        + options.listen().host()
        + ":"
        + actualPort
        + "/v1/credentials/<profile>"
        + (actualImdsPort > 0
            ? " and IMDSv2 on http://" + options.listen().host() + ":" + actualImdsPort + "/"
            : " (IMDSv2 off)")
        + "; "
        + peerNote;
  }

  /** What IMDS serves (shared with the other instances of a deployment). */
  public ImdsRole imdsRole() {
    return imdsRole;
  }

  /** The bound main port, or -1 before {@link #start()} completed. */
  public int actualPort() {
    return actualPort;
  }

  /** The bound IMDS port, 0 when IMDS is off, or -1 before {@link #start()} completed. */
  public int actualImdsPort() {
    return actualImdsPort;
  }

  /** Who may connect, as {@code status} says it; null before {@link #start()} completed. */
  public String peerNote() {
    return peerNote;
  }

  private Future<HttpServer> listen(int port, Handler<HttpServerRequest> requests, PeerGate gate) {
    HttpServerOptions serverOptions =
        new HttpServerOptions()
            .setHost(options.listen().bindAddress())
            .setPort(port)
            .setCompressionSupported(false)
            .setTcpNoDelay(true)
            // Neither WebSockets nor HTTP/2 are served: without these, every request and answer
            // also passes a WebSocket-extension handler and an h2c-upgrade handler.
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false)
            .setHttp2ClearTextEnabled(false);
    // No idle timeout from Vert.x: its handler would sit in every connection's pipeline and see
    // every read and write, and the deadlines below already close every connection that waits on
    // its client (an answer being worked on waits on us).
    RequestDeadlines deadlines =
        new RequestDeadlines(
            vertx, options.timeouts().requestHeaders(), options.timeouts().requestBody(), gate);
    return vertx
        .createHttpServer(serverOptions)
        .connectionHandler(deadlines::connected)
        .requestHandler(deadlines.around(requests))
        .listen();
  }
}

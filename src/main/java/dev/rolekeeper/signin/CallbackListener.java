package dev.rolekeeper.signin;

import dev.rolekeeper.listen.PeerGate;
import dev.rolekeeper.listen.RequestDeadlines;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;

/**
 * A sign-in's loopback listener, on {@code 127.0.0.1} and a free port, gated as every listener of
 * the daemon is: a connection is admitted only when the kernel shows its client end belongs to this
 * process's user or one of {@code listen.allowUsers} ({@link PeerGate}), and its requests wait for
 * that verdict ({@link RequestDeadlines}, which also closes clients that dawdle). The port is in
 * the authorization URL, which other local users can read on the browser's command line; a request
 * of theirs never reaches the handler, so they can neither fail the sign-in nor probe it. {@link
 * #close()} closes the server, then the gate's socket.
 */
final class CallbackListener {

  private final HttpServer server;
  private final PeerGate gate;

  private CallbackListener(HttpServer server, PeerGate gate) {
    this.server = server;
    this.gate = gate;
  }

  /** Listens with {@code requests} behind the gate; fails if no port can be had. */
  static Future<CallbackListener> open(
      Vertx vertx, Set<Integer> allowUids, Handler<HttpServerRequest> requests) {
    // The gate reads /proc and /etc/passwd once to know who is admitted: not on the event loop.
    return vertx
        .executeBlocking(() -> PeerGate.system(vertx, allowUids), false)
        .compose(
            gate -> {
              RequestDeadlines deadlines =
                  new RequestDeadlines(
                      vertx, RequestDeadlines.REQUEST_HEADERS, RequestDeadlines.REQUEST_BODY, gate);
              // HTTP/1.1 only (browsers speak nothing else on plain http), as the endpoints
              return vertx
                  .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                  .connectionHandler(deadlines::connected)
                  .requestHandler(deadlines.around(requests))
                  .listen(0, "127.0.0.1")
                  .map(server -> new CallbackListener(server, gate))
                  .onFailure(e -> gate.close());
            });
  }

  /** The bound port. */
  int port() {
    return server.actualPort();
  }

  /** Closes the listener; then, once no connection can come, the gate's socket. */
  Future<Void> close() {
    return server.close().onComplete(closed -> gate.close());
  }
}

package dev.rolekeeper.listen;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Closes a connection whose client does not do its part in time: a complete request head is due
 * within one deadline of connecting and of each answer on a kept-alive connection, and a request's
 * whole body within another of its head arriving. So a client that trickles one byte at a time, in
 * the head or in the body, is closed as surely as one that sends nothing; while the daemon is
 * working on an answer, the client owes nothing.
 *
 * <p>A request costs a map look-up and a few field writes, not a timer, and no handler in the
 * connection's pipeline: one sweep, armed only while connections are open, closes the connections
 * that are past a deadline. So a connection is closed between one and one-and-a-fraction deadlines
 * after its wait began.
 *
 * <p>It also holds each connection's requests until {@link PeerGate} has admitted the connection's
 * user, and closes the connection if not: every request of the server passes here, so none is
 * answered for a user the gate did not admit.
 *
 * <p>One per HTTP server, hooked in as {@code server.connectionHandler(deadlines::connected)
 * .requestHandler(deadlines.around(requests))}; confined to that server's event loop (its
 * connections and requests are all handled there).
 */
public final class RequestDeadlines {

  /**
   * The usual deadline for a request head: well above what a local client needs (it sends its
   * request at once), well below what an attack would want.
   */
  public static final Duration REQUEST_HEADERS = Duration.ofSeconds(5);

  /**
   * The usual deadline for a request body: the largest body the daemon takes is a few kilobytes.
   */
  public static final Duration REQUEST_BODY = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final PeerGate peers;
  private final long headNanos;
  private final long bodyNanos;
  private final long sweepMillis;
  private final Map<HttpConnection, State> connections = new HashMap<>();
  private boolean sweeping;
  private Handler<HttpServerRequest> requests;

  /**
   * @param requestHeaders a complete request head is due within this long of connecting and of each
   *     answer
   * @param requestBody a request's whole body is due within this long of its head
   * @param peers who may connect; every request waits for its connection's verdict
   */
  public RequestDeadlines(
      Vertx vertx, Duration requestHeaders, Duration requestBody, PeerGate peers) {
    this.vertx = vertx;
    this.peers = peers;
    this.headNanos = Math.max(1, requestHeaders.toNanos());
    this.bodyNanos = Math.max(1, requestBody.toNanos());
    long shorter = Math.min(requestHeaders.toMillis(), requestBody.toMillis());
    this.sweepMillis = Math.max(1, shorter / 4);
  }

  /** For {@code HttpServer.connectionHandler}. */
  public void connected(HttpConnection connection) {
    State state = new State();
    state.waitingSince = System.nanoTime();
    connections.put(connection, state);
    connection.closeHandler(v -> connections.remove(connection));
    if (!sweeping) {
      sweeping = true;
      vertx.setTimer(sweepMillis, id -> sweep());
    }
    if (peers.enabled()) {
      state.held = new ArrayList<>(1);
      peers.check(connection, admit -> decided(connection, state, admit));
    }
  }

  private void decided(HttpConnection connection, State state, boolean admit) {
    List<HttpServerRequest> held = state.held;
    state.held = null;
    if (!admit) {
      connections.remove(connection);
      connection.close();
      return;
    }
    for (HttpServerRequest request : held) {
      // resumed before it is handed on: the buffered body and end reach handlers set meanwhile
      request.resume();
      dispatch(request, state);
    }
  }

  /**
   * Wraps the request handler: a request head arrived, so the head deadline waits until its answer
   * is written, and the body deadline watches the request until its body has arrived.
   */
  public Handler<HttpServerRequest> around(Handler<HttpServerRequest> requests) {
    this.requests = requests;
    return request -> {
      State state = connections.get(request.connection());
      if (state == null) {
        if (peers.enabled()) {
          // a connection already closed by a sweep or a refusal: never answered unchecked
          request.connection().close();
        } else {
          requests.handle(request);
        }
        return;
      }
      state.active++;
      state.current = request;
      if (state.held != null) {
        request.pause();
        state.held.add(request);
        return;
      }
      dispatch(request, state);
    };
  }

  private void dispatch(HttpServerRequest request, State state) {
    requests.handle(request);
    // Most answers are written before the handler returns: no end handler needed for those.
    if (request.response().ended()) {
      state.answered();
    } else {
      request.response().endHandler(v -> state.answered());
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<HttpConnection, State>> it = connections.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<HttpConnection, State> entry = it.next();
      if (entry.getValue().overdue(now, headNanos, bodyNanos)) {
        it.remove();
        entry.getKey().close();
      }
    }
    sweeping = !connections.isEmpty();
    if (sweeping) {
      vertx.setTimer(sweepMillis, id -> sweep());
    }
  }

  private static final class State {
    private int active;
    // requests that arrived before the connection's user was admitted; null once it is
    private List<HttpServerRequest> held;
    private long waitingSince;
    private HttpServerRequest current;
    // The request a sweep first found with its body still coming, and when: the body deadline is
    // counted from there, which spares every request a clock read.
    private HttpServerRequest bodyPending;
    private long bodyPendingSince;

    void answered() {
      if (--active == 0) {
        waitingSince = System.nanoTime();
        current = null;
        bodyPending = null;
      }
    }

    boolean overdue(long now, long headNanos, long bodyNanos) {
      if (active == 0) {
        return now - waitingSince > headNanos;
      }
      if (current == null || current.isEnded()) {
        bodyPending = null;
        return false;
      }
      if (bodyPending != current) {
        bodyPending = current;
        bodyPendingSince = now;
        return false;
      }
      return now - bodyPendingSince > bodyNanos;
    }
  }
}

package dev.rolekeeper.endpoint;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Closes a connection that does not deliver a complete request head in time: after connecting, and
 * after each answer on a kept-alive connection. Vert.x's idle timeout alone would not catch a
 * client that trickles one byte at a time.
 *
 * <p>A request costs a map look-up and two field writes, not a timer: one sweep, armed only while
 * connections are open, closes the connections whose wait for a head has run past the deadline. So
 * a connection is closed between one and one-and-a-fraction deadlines after its wait began.
 *
 * <p>One per HTTP server; confined to that server's event loop (its connections and requests are
 * all handled there).
 */
final class RequestHeadDeadline {

  private final Vertx vertx;
  private final long nanos;
  private final long sweepMillis;
  private final Map<HttpConnection, State> connections = new HashMap<>();
  private boolean sweeping;

  RequestHeadDeadline(Vertx vertx, Duration deadline) {
    this.vertx = vertx;
    this.nanos = Math.max(1, deadline.toNanos());
    this.sweepMillis = Math.max(1, deadline.toMillis() / 4);
  }

  /** For {@code HttpServer.connectionHandler}. */
  void connected(HttpConnection connection) {
    State state = new State();
    state.waitingSince = System.nanoTime();
    connections.put(connection, state);
    connection.closeHandler(v -> connections.remove(connection));
    if (!sweeping) {
      sweeping = true;
      vertx.setTimer(sweepMillis, id -> sweep());
    }
  }

  /**
   * Wraps the request handler: a request head arrived, so the deadline waits until its answer is
   * written.
   */
  Handler<HttpServerRequest> around(Handler<HttpServerRequest> requests) {
    return request -> {
      State state = connections.get(request.connection());
      if (state == null) {
        requests.handle(request);
        return;
      }
      state.active++;
      requests.handle(request);
      // Most answers are written before the handler returns: no end handler needed for those.
      if (request.response().ended()) {
        state.answered();
      } else {
        request.response().endHandler(v -> state.answered());
      }
    };
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<HttpConnection, State>> it = connections.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<HttpConnection, State> entry = it.next();
      State state = entry.getValue();
      if (state.active == 0 && now - state.waitingSince > nanos) {
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
    private long waitingSince;

    void answered() {
      if (--active == 0) {
        waitingSince = System.nanoTime();
      }
    }
  }
}

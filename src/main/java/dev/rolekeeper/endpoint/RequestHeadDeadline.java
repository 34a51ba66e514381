package dev.rolekeeper.endpoint;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Closes a connection that does not deliver a complete request head in time: after connecting, and
 * after each answer on a kept-alive connection. Vert.x's idle timeout alone would not catch a
 * client that trickles one byte at a time.
 *
 * <p>One per HTTP server; confined to that server's event loop (its connections and requests are
 * all handled there).
 */
final class RequestHeadDeadline {

  private final Vertx vertx;
  private final long millis;
  private final Map<HttpConnection, State> connections = new HashMap<>();

  RequestHeadDeadline(Vertx vertx, Duration deadline) {
    this.vertx = vertx;
    this.millis = Math.max(1, deadline.toMillis());
  }

  /** For {@code HttpServer.connectionHandler}. */
  void connected(HttpConnection connection) {
    State state = new State();
    connections.put(connection, state);
    connection.closeHandler(
        v -> {
          State gone = connections.remove(connection);
          if (gone != null) {
            gone.cancel();
          }
        });
    arm(connection, state);
  }

  /**
   * Wraps the request handler: a request head arrived, so the deadline waits until its answer is
   * written.
   */
  Handler<HttpServerRequest> around(Handler<HttpServerRequest> requests) {
    return request -> {
      HttpConnection connection = request.connection();
      State state = connections.get(connection);
      if (state != null) {
        state.active++;
        state.cancel();
        request
            .response()
            .endHandler(
                v -> {
                  state.active--;
                  if (state.active == 0 && connections.get(connection) == state) {
                    arm(connection, state);
                  }
                });
      }
      requests.handle(request);
    };
  }

  private void arm(HttpConnection connection, State state) {
    state.cancel();
    state.timer =
        vertx.setTimer(
            millis,
            id -> {
              state.timer = -1;
              if (state.active == 0) {
                connection.close();
              }
            });
  }

  private final class State {
    private int active;
    private long timer = -1;

    void cancel() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}

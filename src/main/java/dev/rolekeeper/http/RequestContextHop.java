package dev.rolekeeper.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Brings the completion of a future that settles elsewhere (on the session manager's context) back
 * to the context of the request being handled, so the handler touches its {@code RoutingContext}
 * only on the request's own event loop.
 */
final class RequestContextHop {

  private RequestContextHop() {}

  /**
   * {@code future}, completing on the caller's context; call it from the handler, on the request's
   * context.
   */
  static <T> Future<T> back(Future<T> future) {
    Context own = Vertx.currentContext();
    if (own == null || future.isComplete()) {
      return future;
    }
    Promise<T> here = Promise.promise();
    future.onComplete(
        result -> {
          if (Vertx.currentContext() == own) {
            here.handle(result);
          } else {
            own.runOnContext(v -> here.handle(result));
          }
        });
    return here.future();
  }
}

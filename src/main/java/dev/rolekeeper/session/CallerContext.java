package dev.rolekeeper.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Brings a result that completes on another context (the IAM Identity Center and Sign-In sources
 * complete on their own) back to the caller's: a session's state may only be touched on the session
 * manager's context.
 */
final class CallerContext {

  private CallerContext() {}

  /**
   * {@code result}, completed on the context current when this is called; where it completes when
   * there is none.
   */
  static <T> Future<T> back(Future<T> result) {
    Context home = Vertx.currentContext();
    Promise<T> back = Promise.promise();
    result.onComplete(
        done -> {
          if (home == null || home == Vertx.currentContext()) {
            back.handle(done);
          } else {
            home.runOnContext(v -> back.handle(done));
          }
        });
    return back.future();
  }
}

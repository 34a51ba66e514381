package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses any request carrying {@code X-Forwarded-For} with 400 {@code ForwardedRequest}, as IMDSv2
 * does: a forwarded request came through a proxy, and credentials must not leave this machine that
 * way.
 */
final class ForwardedForGuard implements Handler<RoutingContext> {

  private static final CharSequence X_FORWARDED_FOR =
      HttpHeaders.createOptimized("X-Forwarded-For");

  @Override
  public void handle(RoutingContext ctx) {
    if (forwarded(ctx.request().headers())) {
      ErrorReply.send(
          ctx,
          400,
          "ForwardedRequest",
          "requests with X-Forwarded-For are refused: credentials are"
              + " served to local processes only, never through a proxy");
    } else {
      ctx.next();
    }
  }

  /** Whether the request came through a proxy; the fast path asks the same question. */
  static boolean forwarded(MultiMap headers) {
    return headers.contains(X_FORWARDED_FOR);
  }
}

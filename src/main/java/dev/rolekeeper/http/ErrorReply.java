package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends a request with the error JSON of the wire contract: {@code {"code": "...", "message":
 * "..."}}.
 *
 * <p>Messages are written for a person and must never contain a secret: callers pass fixed texts or
 * names only.
 */
final class ErrorReply {

  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private ErrorReply() {}

  static void send(RoutingContext ctx, int status, String code, String message) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    MultiMap headers = response.headers();
    headers.set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
    response
        .setStatusCode(status)
        .end(new JsonObject().put("code", code).put("message", message).encode());
  }

  /**
   * 404 {@code NoRole} from the IMDS role routes when no profile is served over IMDS, as EC2
   * answers an instance without a role; the message gives the reason and the fix.
   */
  static void noImdsRole(RoutingContext ctx, ImdsRole role) {
    send(ctx, 404, "NoRole", "no profile is served over IMDS: " + role.whyNoRole());
  }
}

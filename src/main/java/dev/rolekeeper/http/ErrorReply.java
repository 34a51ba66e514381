package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one writer of the wire contract's error JSON, {@code {"code": "...", "message": "..."}}, and
 * of the control routes' answers about this moment (a code's verdict, a sign-in link): always with
 * {@code Cache-Control: no-store}, so no cache keeps what was true once.
 *
 * <p>Messages are written for a person and must never contain a secret: callers pass fixed texts or
 * names only.
 */
final class ErrorReply {

  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private ErrorReply() {}

  static void send(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, new JsonObject().put("code", code).put("message", message));
  }

  /** Ends the request with {@code body}, not to be stored; nothing when it has been answered. */
  static void json(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    MultiMap headers = response.headers();
    headers.set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
    headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
    response.setStatusCode(status).end(body.toBuffer());
  }

  /**
   * What a client is told about a profile the daemon does not serve: the profile may be missing
   * from the AWS files, not a profile rolekeeper can serve, or left out by the settings, and {@code
   * rolekeeper status} says which.
   */
  static String notServed(String profile) {
    return "profile '"
        + profile
        + "' is not served by rolekeeper; `rolekeeper status` lists the profiles it serves and why"
        + " the others are not";
  }

  /**
   * Answers a {@code lookup} without credentials: 503 with the session's reason when it has none
   * now, else 404 {@code UnknownProfile} saying {@code notServed}.
   */
  static void noCredentials(RoutingContext ctx, Lookup lookup, String notServed) {
    if (lookup instanceof Lookup.Unavailable unavailable) {
      send(ctx, 503, unavailable.code(), unavailable.message());
    } else {
      send(ctx, 404, "UnknownProfile", notServed);
    }
  }

  /**
   * The profile IMDS serves, or null once the request is answered 404 {@code NoRole}, as EC2
   * answers an instance without a role; the message gives the reason and the fix.
   */
  static String imdsRoleOr404(RoutingContext ctx, ImdsRole role) {
    String profile = role.profile();
    if (profile == null) {
      send(ctx, 404, "NoRole", "no profile is served over IMDS: " + role.whyNoRole());
    }
    return profile;
  }
}

package dev.rolekeeper.sandbox;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Answers in the shapes of the IAM Identity Center services (AWS REST-JSON): the error type in
 * {@code x-amzn-ErrorType}, and a JSON body — OAuth's {@code error} and {@code error_description}
 * from SSO OIDC, {@code message} from the portal, both {@code error} and {@code message} from
 * Sign-In.
 */
final class SsoReplies {

  private SsoReplies() {}

  static void ok(RoutingContext ctx, JsonObject body) {
    send(ctx, 200, null, body);
  }

  /**
   * An SSO OIDC error, e.g. 400 {@code AuthorizationPendingException} / {@code
   * authorization_pending}.
   */
  static void oidcError(
      RoutingContext ctx, int status, String type, String error, String description) {
    send(
        ctx,
        status,
        type,
        new JsonObject().put("error", error).put("error_description", description));
  }

  /**
   * A portal error, e.g. 401 {@code UnauthorizedException} "Session token not found or invalid".
   */
  static void portalError(RoutingContext ctx, int status, String type, String message) {
    send(ctx, status, type, new JsonObject().put("message", message));
  }

  /** A Sign-In error (see {@link SigninError} for its status and shape). */
  static void signinError(RoutingContext ctx, SigninError e) {
    signinError(ctx, 400, e);
  }

  /** A Sign-In error whose type has a status of its own (429 throttling, 5xx). */
  static void signinError(RoutingContext ctx, int status, SigninError e) {
    send(
        ctx,
        status,
        e.type(),
        new JsonObject().put("error", e.error()).put("message", e.message()));
  }

  private static void send(RoutingContext ctx, int status, String type, JsonObject body) {
    var response =
        ctx.response()
            .setStatusCode(status)
            .putHeader("Content-Type", "application/json")
            .putHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    if (type != null) {
      response.putHeader("x-amzn-ErrorType", type);
    }
    response.end(body.encode());
  }

  /** The request's JSON body, or null when it is not a JSON object. */
  static JsonObject body(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }
}

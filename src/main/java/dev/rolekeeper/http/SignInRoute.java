package dev.rolekeeper.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * What the two sign-in control routes of {@code rolekeeper login} (IAM Identity Center, console
 * sign-in) share: a body of one optional name, {@code {"FIELD": "..."}} or nothing, and the answer
 * when a sign-in could not start.
 */
final class SignInRoute {

  private SignInRoute() {}

  /**
   * The name in the body.
   *
   * @param value the name, or null when the body names none
   */
  record Name(String value) {}

  /**
   * Reads {@code field} from the request's JSON body (an empty body names nothing); answers 400
   * {@code BadRequest} with {@code usage} and gives empty when the body is anything else.
   */
  static Optional<Name> name(RoutingContext ctx, String field, String usage) {
    JsonObject body;
    try {
      body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null
        || (body.getValue(field) != null && !(body.getValue(field) instanceof String))) {
      ErrorReply.send(ctx, 400, "BadRequest", usage);
      return Optional.empty();
    }
    return Optional.of(new Name(body.getString(field)));
  }

  /**
   * Answers a sign-in that did not start: 404 {@code notFound} when nothing served matched the name
   * (an {@link IllegalArgumentException}), else 502 {@code SignInFailed}.
   */
  static void notStarted(RoutingContext ctx, Throwable cause, String notFound) {
    if (cause instanceof IllegalArgumentException) {
      ErrorReply.send(ctx, 404, notFound, cause.getMessage());
    } else {
      ErrorReply.send(
          ctx, 502, "SignInFailed", "the sign-in could not start: " + cause.getMessage());
    }
  }
}

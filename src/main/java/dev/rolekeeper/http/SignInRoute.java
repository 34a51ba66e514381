package dev.rolekeeper.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The body of a control route that takes one optional name, {@code {"FIELD": "..."}} or nothing:
 * the sign-in routes of {@code rolekeeper login}.
 *
 * @param value the name, or null when the body names none
 */
record OptionalName(String value) {

  /**
   * Reads {@code field} from the request's JSON body (an empty body names nothing); answers 400
   * {@code BadRequest} with {@code usage} and gives empty when the body is anything else.
   */
  static Optional<OptionalName> read(RoutingContext ctx, String field, String usage) {
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
    return Optional.of(new OptionalName(body.getString(field)));
  }
}

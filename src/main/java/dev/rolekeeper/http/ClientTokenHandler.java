package dev.rolekeeper.http;

import dev.rolekeeper.daemon.IssuedToken;
import dev.rolekeeper.daemon.TokenStore;
import dev.rolekeeper.session.SessionDirectory;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /control/tokens} (control token), body {@code {"profiles":["prod"]}}: answers {@code
 * {"token","tokenFile"}}, the client token scoped to exactly those profiles, the same one on every
 * call for the same scope. 400 {@code BadRequest} for a malformed body, 404 {@code UnknownProfile}
 * for a profile not served. The token file is written on a worker thread.
 */
final class ClientTokenHandler implements Handler<RoutingContext> {

  private final Vertx vertx;
  private final SessionDirectory sessions;
  private final TokenStore tokens;

  ClientTokenHandler(Vertx vertx, SessionDirectory sessions, TokenStore tokens) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<List<String>> profiles = profiles(ctx);
    if (profiles.isEmpty()) {
      ErrorReply.send(
          ctx,
          400,
          "BadRequest",
          "the body must be JSON like {\"profiles\":[\"prod\"]}, with at least"
              + " one profile name");
      return;
    }
    for (String profile : profiles.get()) {
      if (!sessions.profiles().contains(profile)) {
        ErrorReply.send(ctx, 404, "UnknownProfile", ErrorReply.notServed(profile));
        return;
      }
    }
    vertx
        .executeBlocking(() -> tokens.clientToken(profiles.get()))
        .onSuccess(issued -> reply(ctx, issued))
        .onFailure(
            failure ->
                ErrorReply.send(
                    ctx,
                    failure instanceof IllegalArgumentException ? 400 : 500,
                    "TokenNotIssued",
                    failure.getMessage()));
  }

  private static void reply(RoutingContext ctx, IssuedToken issued) {
    JsonObject body =
        new JsonObject().put("token", issued.token()).put("tokenFile", issued.file().toString());
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, ErrorReply.APPLICATION_JSON)
        .end(body.toBuffer());
  }

  private static Optional<List<String>> profiles(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      JsonArray array = body == null ? null : body.getJsonArray("profiles");
      if (array == null || array.isEmpty()) {
        return Optional.empty();
      }
      List<String> names = new ArrayList<>();
      for (Object value : array) {
        if (!(value instanceof String name)) {
          return Optional.empty();
        }
        names.add(name);
      }
      return Optional.of(names);
    } catch (DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }
}

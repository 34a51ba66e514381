package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /latest/meta-data/iam/security-credentials/{role}} (and {@code -extended/{role}}): the
 * IMDS credential body ({@code Code: "Success"}, {@code Type: "AWS-HMAC"}, ...) of the IMDS
 * profile. 404 {@code NoRole} (with the reason and the fix) when IMDS serves no role, 404 {@code
 * UnknownRole} for any other role name, 503 with the session's reason when there are no valid
 * credentials now.
 */
final class ImdsRoleCredentialsHandler implements Handler<RoutingContext> {

  static final String ROLE_PARAM = "role";

  private final ImdsRole roles;
  private final ServableCredentials credentials;

  ImdsRoleCredentialsHandler(ImdsRole roles, ServableCredentials credentials) {
    this.roles = roles;
    this.credentials = credentials;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String role = ErrorReply.imdsRoleOr404(ctx, roles);
    if (role == null) {
      return;
    }
    if (!role.equals(ctx.pathParam(ROLE_PARAM))) {
      ErrorReply.send(
          ctx,
          404,
          "UnknownRole",
          "IMDS serves only the role of the IMDS profile; list it at"
              + " /latest/meta-data/iam/security-credentials/");
      return;
    }
    credentials
        .lookupSoon(role)
        .onComplete(
            soon -> answer(ctx, role, soon.succeeded() ? soon.result() : credentials.lookup(role)));
  }

  private void answer(RoutingContext ctx, String role, Lookup lookup) {
    if (lookup instanceof Lookup.Available available) {
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, ErrorReply.APPLICATION_JSON)
          .end(CredentialsJson.imds(available.credentials(), credentials.clock().instant()));
    } else {
      ErrorReply.noCredentials(ctx, lookup, "IMDS's " + ErrorReply.notServed(role));
    }
  }
}

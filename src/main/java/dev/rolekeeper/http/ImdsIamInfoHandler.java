package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /latest/meta-data/iam/info}: an instance-profile description named after the IMDS
 * profile, with the account of its current credentials when known. 404 {@code NoRole} when no IMDS
 * profile is served (the message says why and what to set).
 */
final class ImdsIamInfoHandler implements Handler<RoutingContext> {

  private static final String UNKNOWN_ACCOUNT = "000000000000";

  private final ImdsRole roles;
  private final ServableCredentials credentials;

  ImdsIamInfoHandler(ImdsRole roles, ServableCredentials credentials) {
    this.roles = roles;
    this.credentials = credentials;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String role = ErrorReply.imdsRoleOr404(ctx, roles);
    if (role == null) {
      return;
    }
    JsonObject info =
        new JsonObject()
            .put("Code", "Success")
            .put("LastUpdated", CredentialsJson.timestamp(credentials.clock().instant()))
            .put(
                "InstanceProfileArn",
                "arn:aws:iam::"
                    + credentials.accountId(role).orElse(UNKNOWN_ACCOUNT)
                    + ":instance-profile/"
                    + role)
            .put("InstanceProfileId", "AIPAROLEKEEPER");
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, ErrorReply.APPLICATION_JSON)
        .end(info.toBuffer());
  }
}

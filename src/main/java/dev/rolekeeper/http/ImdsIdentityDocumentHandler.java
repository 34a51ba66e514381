package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /latest/dynamic/instance-identity/document}: an identity document whose {@code region}
 * is the configured region (SDKs read their region here) and whose {@code accountId} is the IMDS
 * profile's when known.
 */
final class ImdsIdentityDocumentHandler implements Handler<RoutingContext> {

  private static final String UNKNOWN_ACCOUNT = "000000000000";

  private final ImdsRole roles;
  private final String region;
  private final ServableCredentials credentials;

  ImdsIdentityDocumentHandler(ImdsRole roles, String region, ServableCredentials credentials) {
    this.roles = roles;
    this.region = region;
    this.credentials = credentials;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String role = roles.profile();
    JsonObject document =
        new JsonObject()
            .put(
                "accountId",
                role == null
                    ? UNKNOWN_ACCOUNT
                    : credentials.accountId(role).orElse(UNKNOWN_ACCOUNT))
            .put("architecture", "x86_64")
            .put("availabilityZone", region + "a")
            .put("imageId", "ami-00000000000000000")
            .put("instanceId", "i-00000000000000000")
            .put("instanceType", "t3.micro")
            .put("pendingTime", CredentialsJson.timestamp(credentials.clock().instant()))
            .put("privateIp", "127.0.0.1")
            .put("region", region)
            .put("version", "2017-09-30");
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, ErrorReply.APPLICATION_JSON)
        .end(document.toBuffer());
  }
}

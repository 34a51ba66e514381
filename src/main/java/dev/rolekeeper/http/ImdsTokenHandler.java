package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /latest/api/token}: issues an IMDSv2 session token for the TTL in {@code
 * X-aws-ec2-metadata-token-ttl-seconds} (1-21600, else 400 {@code InvalidTtl}) and echoes that
 * header, which the Go and Ruby SDKs read back.
 */
final class ImdsTokenHandler implements Handler<RoutingContext> {

  static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";

  private final ImdsTokens tokens;

  ImdsTokenHandler(ImdsTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String ttlText = ctx.request().getHeader(TTL_HEADER);
    int ttl = parseTtl(ttlText);
    if (ttl < ImdsTokens.MIN_TTL || ttl > ImdsTokens.MAX_TTL) {
      ErrorReply.send(
          ctx,
          400,
          "InvalidTtl",
          "PUT /latest/api/token needs the header "
              + TTL_HEADER
              + " with a whole number of seconds from 1 to 21600");
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, ImdsRoleListHandler.TEXT_PLAIN)
        .putHeader(TTL_HEADER, ttlText.trim())
        .end(tokens.issue(ttl));
  }

  private static int parseTtl(String text) {
    if (text == null) {
      return -1;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

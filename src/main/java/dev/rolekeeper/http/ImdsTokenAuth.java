package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * IMDSv2 only: a metadata GET needs a live token in {@code X-aws-ec2-metadata-token}, else 401
 * {@code InvalidToken} (IMDSv1, token-less access, is off).
 */
final class ImdsTokenAuth implements Handler<RoutingContext> {

  static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

  private final ImdsTokens tokens;

  ImdsTokenAuth(ImdsTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (tokens.isValid(ctx.request().getHeader(TOKEN_HEADER))) {
      ctx.next();
    } else {
      ErrorReply.send(
          ctx,
          401,
          "InvalidToken",
          "IMDSv2 needs a live session token: PUT /latest/api/token first"
              + " and send it in "
              + TOKEN_HEADER);
    }
  }
}

package dev.rolekeeper.sandbox;

import io.vertx.ext.web.RoutingContext;

/** Writes STS answers: XML bodies with the {@code x-amzn-RequestId} header STS sends. */
final class StsReplies {

  private StsReplies() {}

  static void ok(RoutingContext ctx, String xml) {
    send(ctx, 200, xml);
  }

  static void error(RoutingContext ctx, StsError error) {
    send(ctx, error.status(), StsXml.error(error, IntakeHandler.requestId(ctx)));
  }

  static void send(RoutingContext ctx, int status, String body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/xml")
        .putHeader("x-amzn-RequestId", IntakeHandler.requestId(ctx))
        .end(body);
  }
}

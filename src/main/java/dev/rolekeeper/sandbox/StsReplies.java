package dev.rolekeeper.sandbox;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes STS answers: XML bodies with the {@code x-amzn-RequestId} header STS sends. */
final class StsReplies {

  private static final Logger LOG = LoggerFactory.getLogger(StsReplies.class);

  private StsReplies() {}

  static void ok(RoutingContext ctx, String xml) {
    send(ctx, 200, xml);
  }

  static void error(RoutingContext ctx, StsError error) {
    // Error messages carry ARNs and parameter names, never keys, tokens or MFA codes.
    LOG.debug(
        "STS simulator refused {}: {} {}",
        IntakeHandler.params(ctx).get("Action"),
        error.code(),
        error.message());
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

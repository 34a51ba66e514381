package dev.rolekeeper.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes STS answers: XML bodies with the {@code x-amzn-RequestId} header STS sends, and the Date
 * header of every answer.
 */
final class StsReplies {

  private static final Logger LOG = LoggerFactory.getLogger(StsReplies.class);

  private StsReplies() {}

  /**
   * Like STS, every answer (SSO's too) carries a Date: clients compare clocks with it. The wall
   * clock, not the simulator's movable one: the SDKs shift their signing time by the skew they see
   * in Date, which would undo a test's clock.
   */
  static void dated(RoutingContext ctx) {
    ctx.response()
        .putHeader(
            "Date",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atZone(ZoneOffset.UTC)));
    ctx.next();
  }

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

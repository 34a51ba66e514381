package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the next planned {@link Fault}, if any, before the request is authenticated. */
final class FaultHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FaultHandler.class);

  private final Vertx vertx;
  private final FaultPlan plan;

  FaultHandler(Vertx vertx, FaultPlan plan) {
    this.vertx = vertx;
    this.plan = plan;
  }

  @Override
  public void handle(RoutingContext ctx) {
    plan.take().ifPresentOrElse(fault -> apply(fault, ctx), ctx::next);
  }

  private void apply(Fault fault, RoutingContext ctx) {
    LOG.debug("Injecting {} into {}", fault, IntakeHandler.params(ctx).get("Action"));
    // Java 17: no pattern switch yet, so an instanceof chain over the sealed type.
    if (fault instanceof Fault.Latency latency) {
      delay(ctx, latency.delay().toMillis());
    } else if (fault instanceof Fault.ServerError error) {
      StsReplies.error(ctx, StsError.serviceUnavailable(error.status()));
    } else if (fault instanceof Fault.Reset) {
      ctx.request().connection().close();
    } else if (fault instanceof Fault.Hang) {
      LOG.debug("Leaving the request unanswered");
    } else if (fault instanceof Fault.Denied) {
      StsReplies.error(
          ctx,
          StsError.accessDenied("User is not authorized to perform: sts:AssumeRole (injected)"));
    } else if (fault instanceof Fault.MalformedXml) {
      StsReplies.send(
          ctx,
          200,
          "<AssumeRoleResponse xmlns=\""
              + StsXml.NAMESPACE
              + "\"><AssumeRoleResult><Credentials><AccessKeyId>");
    } else {
      StsReplies.error(ctx, StsError.throttling());
    }
  }

  private void delay(RoutingContext ctx, long millis) {
    if (millis <= 0) {
      ctx.next();
    } else {
      vertx.setTimer(millis, id -> ctx.next());
    }
  }
}

package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code //latest/...} exactly like {@code /latest/...}: the Java SDK glues its path onto an
 * endpoint that ends in a slash and follows no redirect, so runs of slashes are collapsed and the
 * request routed again.
 */
final class DoubleSlashReroute implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path == null || !path.contains("//")) {
      ctx.next();
      return;
    }
    ctx.reroute(ctx.request().method(), path.replaceAll("/{2,}", "/"));
  }
}

package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /favicon.ico}: 204, no icon, cacheable for a day so a browser asks once. */
final class NoFaviconHandler implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().setStatusCode(204).putHeader("Cache-Control", "max-age=86400").end();
  }
}

package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /latest/meta-data/placement/region}: the configured region, as plain text without a
 * newline.
 */
final class ImdsRegionHandler implements Handler<RoutingContext> {

  private final String region;

  ImdsRegionHandler(String region) {
    this.region = region;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, ImdsRoleListHandler.TEXT_PLAIN).end(region);
  }
}

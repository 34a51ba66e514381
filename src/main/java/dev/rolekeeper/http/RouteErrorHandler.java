package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's last word, as error JSON: 400 {@code BadHost} for a {@code Host} header the router
 * cannot parse (e.g. a port out of range) or {@code BadRequest}, 404 {@code NotFound}, 405 {@code
 * MethodNotAllowed}, and 500 {@code InternalError} for a handler that failed (logged by class and
 * message, never echoed to the client).
 */
final class RouteErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RouteErrorHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (status == 400) {
      badRequest(ctx);
    } else if (status == 404) {
      ErrorReply.send(
          ctx,
          404,
          "NotFound",
          "no such route: " + ctx.request().method() + " " + ctx.request().path());
    } else if (status == 405) {
      ErrorReply.send(
          ctx,
          405,
          "MethodNotAllowed",
          "method " + ctx.request().method() + " is not allowed on " + ctx.request().path());
    } else {
      Throwable failure = ctx.failure();
      if (failure != null) {
        LOG.warn(
            "Request {} {} failed: {}",
            ctx.request().method(),
            ctx.request().path(),
            failure.toString());
        LOG.debug("Failure of {}", ctx.request().path(), failure);
      }
      ErrorReply.send(
          ctx,
          status >= 400 && status < 600 ? status : 500,
          "InternalError",
          "rolekeeper could not answer this request; see its log");
    }
  }

  private static void badRequest(RoutingContext ctx) {
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (host == null || HostAndPort.parseAuthority(host, -1) == null) {
      ErrorReply.send(
          ctx,
          400,
          "BadHost",
          "the Host header is missing or not a valid host and port of this" + " loopback endpoint");
    } else {
      ErrorReply.send(ctx, 400, "BadRequest", "the request is malformed");
    }
  }
}

package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a path with a malformed percent-escape ({@code %zz}, a trailing {@code %2}) with 400
 * {@code BadPath}: the router would otherwise fail decoding it and answer 500, blaming itself for
 * the client's mistake. Runs first on both ports; allocation-free on the path it lets through.
 */
final class PathEscapeCheck implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(PathEscapeCheck.class);

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path == null || wellFormed(path)) {
      ctx.next();
      return;
    }
    // The path may name a profile, never a secret; it is still only logged at DEBUG, as the
    // client's mistake.
    LOG.debug("Refused {} {}: malformed percent-escape in the path", ctx.request().method(), path);
    ErrorReply.send(
        ctx,
        400,
        "BadPath",
        "the request path has a malformed percent-escape: '%' must be followed by"
            + " two hexadecimal digits");
  }

  static boolean wellFormed(String path) {
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}

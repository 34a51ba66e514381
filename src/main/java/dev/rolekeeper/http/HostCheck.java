package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * DNS-rebinding defence: the {@code Host} header must be {@code 127.0.0.1}, {@code localhost} or
 * {@code [::1]} with the port that received the request (the port may be left out only when it is
 * 80). Anything else: 403 {@code BadHost}.
 */
final class HostCheck implements Handler<RoutingContext> {

  private static final String[] NAMES = {"127.0.0.1", "localhost", "[::1]"};

  @Override
  public void handle(RoutingContext ctx) {
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (host != null && accepts(host, ctx.request().localAddress().port())) {
      ctx.next();
    } else {
      ErrorReply.send(
          ctx,
          403,
          "BadHost",
          "the Host header must name this loopback endpoint (127.0.0.1,"
              + " localhost or [::1] with its port); requests for other names are refused");
    }
  }

  /**
   * Whether {@code host} names a loopback name with {@code port}; allocation-free as it runs on
   * every request.
   */
  static boolean accepts(String host, int port) {
    for (String name : NAMES) {
      if (host.regionMatches(true, 0, name, 0, name.length())) {
        return portMatches(host, name.length(), port);
      }
    }
    return false;
  }

  private static boolean portMatches(String host, int from, int port) {
    if (from == host.length()) {
      return port == 80;
    }
    if (host.charAt(from) != ':' || from + 1 == host.length() || host.length() - from > 6) {
      return false;
    }
    int value = 0;
    for (int i = from + 1; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value == port;
  }
}

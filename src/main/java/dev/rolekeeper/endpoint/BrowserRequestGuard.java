package dev.rolekeeper.endpoint;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses requests that carry browser headers ({@code Origin}, any {@code Sec-Fetch-*}) with 403
 * {@code BrowserRequest}: SDKs never send them, so a web page reaching loopback is all they can mean.
 *
 * <p>The one exception is a page's own same-origin form post, opened with one line:
 * {@code guard.allowSameOrigin(HttpMethod.POST, "/mfa/")}. Such a request passes when its {@code Origin} is exactly
 * this endpoint ({@code http://<Host header>}) and {@code Sec-Fetch-Site}, if sent, is {@code same-origin}.
 * Configure exceptions before the server starts.
 */
final class BrowserRequestGuard implements Handler<RoutingContext> {

  private static final String SEC_FETCH = "sec-fetch-";
  private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

  private final List<Allowed> exceptions = new ArrayList<>();

  /** Lets same-origin requests with {@code method} to paths starting with {@code pathPrefix} through. */
  BrowserRequestGuard allowSameOrigin(HttpMethod method, String pathPrefix) {
    exceptions.add(new Allowed(method, pathPrefix, false));
    return this;
  }

  /**
   * Lets a person's browser open pages under {@code pathPrefix} from outside (a link in a notification:
   * {@code Sec-Fetch-Site: none}) or from the page itself; a request another site makes is still refused.
   */
  BrowserRequestGuard allowNavigation(HttpMethod method, String pathPrefix) {
    exceptions.add(new Allowed(method, pathPrefix, true));
    return this;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!fromBrowser(request.headers()) || isException(request)) {
      ctx.next();
    } else {
      ErrorReply.send(ctx, 403, "BrowserRequest", "requests from web pages (Origin or Sec-Fetch-* headers) are"
          + " refused: rolekeeper serves SDKs and its own CLI only");
    }
  }

  private static boolean fromBrowser(MultiMap headers) {
    if (headers.contains(HttpHeaders.ORIGIN)) {
      return true;
    }
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey();
      if (name.regionMatches(true, 0, SEC_FETCH, 0, SEC_FETCH.length())) {
        return true;
      }
    }
    return false;
  }

  private boolean isException(HttpServerRequest request) {
    for (Allowed exception : exceptions) {
      if (exception.matches(request)) {
        return exception.allows(request);
      }
    }
    return false;
  }

  /**
   * A path whose own pages may be reached from a browser: by same-origin requests, and with {@code navigation} also
   * by a person opening it from outside ({@code Sec-Fetch-Site: none}, no foreign {@code Origin}).
   */
  private record Allowed(HttpMethod method, String pathPrefix, boolean navigation) {
    boolean matches(HttpServerRequest request) {
      String path = request.path();
      return method.equals(request.method()) && path != null && path.startsWith(pathPrefix);
    }

    boolean allows(HttpServerRequest request) {
      String host = request.getHeader(HttpHeaders.HOST);
      String origin = request.getHeader(HttpHeaders.ORIGIN);
      String site = request.getHeader(SEC_FETCH_SITE);
      boolean sameOrigin = host != null && ("http://" + host).equalsIgnoreCase(origin);
      if (navigation) {
        return (origin == null || sameOrigin) && (site == null || "none".equals(site) || "same-origin".equals(site));
      }
      return sameOrigin && (site == null || "same-origin".equals(site));
    }
  }
}

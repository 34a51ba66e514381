package dev.rolekeeper.http;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses requests that carry browser headers ({@code Origin}, any {@code Sec-Fetch-*}) with 403
 * {@code BrowserRequest}: SDKs never send them, so a web page reaching loopback is all they can
 * mean.
 *
 * <p>Exceptions are opened per path prefix for the daemon's own pages, and decided from what
 * browsers really send. {@code Sec-Fetch-*} headers are set by the browser itself (page scripts
 * cannot forge them), so when present they decide; {@code Origin} must then be absent, {@code null}
 * (a page served with {@code Referrer-Policy: no-referrer}) or this very endpoint ({@code
 * http://<Host header>}, the Host having passed {@link RequestCheck#LOOPBACK_HOST}). Browsers that
 * send no {@code Sec-Fetch-*} must send this endpoint's own {@code Origin} on a post.
 *
 * <ul>
 *   <li>{@link Kind#FORM_POST}: the page's own form: {@code Sec-Fetch-Site: same-origin} and, if
 *       sent, {@code Sec-Fetch-Mode: navigate} (a {@code fetch()} is {@code cors}/{@code no-cors}).
 *   <li>{@link Kind#NAVIGATION}: a person opening the page from outside ({@code Sec-Fetch-Site:
 *       none}: a link in a notification or a terminal) or from the page itself; {@code
 *       Sec-Fetch-Mode: navigate} if sent.
 *   <li>{@link Kind#SUBRESOURCE}: something a page of ours loads by itself (the favicon): same
 *       origin only.
 *   <li>{@link Kind#LINK}: a page whose path is itself the secret (the MFA page's one-time link):
 *       what {@link Kind#NAVIGATION} allows, and also a top-level navigation ({@code
 *       Sec-Fetch-Mode: navigate}, {@code Sec-Fetch-Dest: document}) from any site. The browser
 *       reaches it from the local file that hands the link over without a command line, and
 *       browsers call a navigation from a {@code file:} page {@code cross-site} (Chromium,
 *       measured). A page elsewhere that lacks the link gets 404; one that has it gains nothing it
 *       could not do by showing the link; frames ({@code Sec-Fetch-Dest: iframe}) and scripts
 *       ({@code cors} , {@code no-cors}) stay refused, and the form's post stays {@link
 *       Kind#FORM_POST}.
 * </ul>
 *
 * Everything else, e.g. {@code same-site} (another port of this host), {@code cross-site} (with any
 * {@code Origin}, {@code null} included), is refused. Configure exceptions before the server
 * starts.
 */
final class BrowserRequestGuard implements RequestCheck {

  /** What a browser request to an exempt path may be. */
  enum Kind {
    FORM_POST,
    NAVIGATION,
    SUBRESOURCE,
    LINK
  }

  private static final String SEC_FETCH = "sec-fetch-";
  private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
  private static final String SEC_FETCH_MODE = "Sec-Fetch-Mode";
  private static final String SEC_FETCH_DEST = "Sec-Fetch-Dest";
  private static final String SAME_ORIGIN = "same-origin";

  private final List<Allowed> exceptions = new ArrayList<>();

  /**
   * Lets the page's own form posts with {@code method} to paths starting with {@code pathPrefix}
   * through.
   */
  BrowserRequestGuard allowSameOrigin(HttpMethod method, String pathPrefix) {
    return allow(method, pathPrefix, Kind.FORM_POST);
  }

  /**
   * Lets a person's browser open pages under {@code pathPrefix} from outside (a link in a
   * notification: {@code Sec-Fetch-Site: none}) or from the page itself; a request another site
   * makes is still refused.
   */
  BrowserRequestGuard allowNavigation(HttpMethod method, String pathPrefix) {
    return allow(method, pathPrefix, Kind.NAVIGATION);
  }

  /**
   * Lets browser requests of {@code kind} with {@code method} to paths starting with {@code
   * pathPrefix} through.
   */
  BrowserRequestGuard allow(HttpMethod method, String pathPrefix, Kind kind) {
    exceptions.add(new Allowed(method, pathPrefix, kind));
    return this;
  }

  @Override
  public Optional<Refusal> check(HttpServerRequest request, String profile) {
    if (!fromBrowser(request.headers()) || isException(request)) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            403,
            "BrowserRequest",
            "requests from web pages (Origin or Sec-Fetch-* headers) are"
                + " refused: rolekeeper serves SDKs and its own CLI only"));
  }

  /** Whether the request carries a browser header; allocation-free on Vert.x's own header map. */
  private static boolean fromBrowser(MultiMap headers) {
    if (headers.contains(HttpHeaders.ORIGIN)) {
      return true;
    }
    if (headers instanceof io.netty.handler.codec.http.HttpHeaders received) {
      // The names as they were received: no String made per header and request.
      Iterator<Map.Entry<CharSequence, CharSequence>> it = received.iteratorCharSequence();
      while (it.hasNext()) {
        if (isSecFetch(it.next().getKey())) {
          return true;
        }
      }
      return false;
    }
    for (Map.Entry<String, String> header : headers) {
      if (isSecFetch(header.getKey())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSecFetch(CharSequence name) {
    return AsciiString.regionMatches(name, true, 0, SEC_FETCH, 0, SEC_FETCH.length());
  }

  private boolean isException(HttpServerRequest request) {
    for (Allowed exception : exceptions) {
      if (exception.matches(request)) {
        return exception.allows(request);
      }
    }
    return false;
  }

  private record Allowed(HttpMethod method, String pathPrefix, Kind kind) {
    boolean matches(HttpServerRequest request) {
      String path = request.path();
      return method.equals(request.method()) && path != null && path.startsWith(pathPrefix);
    }

    boolean allows(HttpServerRequest request) {
      String origin = request.getHeader(HttpHeaders.ORIGIN);
      String site = request.getHeader(SEC_FETCH_SITE);
      String mode = request.getHeader(SEC_FETCH_MODE);
      boolean ownOrigin = isOwnOrigin(origin, request.getHeader(HttpHeaders.HOST));
      if (site == null) {
        // No fetch metadata (an older browser): only this endpoint's own Origin tells a page of
        // ours apart.
        return kind == Kind.FORM_POST ? ownOrigin : origin == null || ownOrigin;
      }
      boolean originFits =
          origin == null || ownOrigin || (kind == Kind.FORM_POST && "null".equals(origin));
      boolean navigation = kind == Kind.NAVIGATION || kind == Kind.LINK;
      boolean topLevel =
          "navigate".equals(mode) && "document".equals(request.getHeader(SEC_FETCH_DEST));
      boolean siteFits =
          SAME_ORIGIN.equals(site)
              || (navigation && "none".equals(site))
              || (kind == Kind.LINK && topLevel);
      boolean modeFits = kind == Kind.SUBRESOURCE || mode == null || "navigate".equals(mode);
      return originFits && siteFits && modeFits;
    }

    private static boolean isOwnOrigin(String origin, String host) {
      return origin != null
          && host != null
          && origin.length() == host.length() + 7
          && origin.regionMatches(true, 0, "http://", 0, 7)
          && origin.regionMatches(true, 7, host, 0, host.length());
    }
  }
}

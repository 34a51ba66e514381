package dev.rolekeeper.http;

import dev.rolekeeper.daemon.TokenStore;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The main port's request handler: answers the container route's everyday request itself and hands
 * every other request to the router.
 *
 * <p>It answers only a {@code GET /v1/credentials/{profile}} whose profile is a plain name
 * (letters, digits, {@code .}, {@code _}, {@code -}: no escapes, nothing the router would decode or
 * normalise) that passes each check the router runs on that route ({@link HostCheck}, {@link
 * BrowserRequestGuard}, {@link ForwardedForGuard}, {@link TokenAuth}, through the same predicates)
 * and whose profile has credentials to serve now, with the body {@link ContainerCredentialsHandler}
 * keeps. A request any check would refuse, or that needs waiting or an error answer, goes to the
 * router unchanged, which checks it again and answers. So this handler can only give an answer the
 * router would give, without building a routing context, matching routes or parsing parameters.
 */
final class ContainerFastPath implements Handler<HttpServerRequest> {

  private static final String PREFIX = "/v1/credentials/";

  private final Handler<HttpServerRequest> router;
  private final TokenStore tokens;
  private final ContainerCredentialsHandler credentials;

  ContainerFastPath(
      Handler<HttpServerRequest> router,
      TokenStore tokens,
      ContainerCredentialsHandler credentials) {
    this.router = router;
    this.tokens = tokens;
    this.credentials = credentials;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Buffer body = request.method() == HttpMethod.GET ? servable(request) : null;
    if (body == null) {
      router.handle(request);
    } else {
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, ErrorReply.APPLICATION_JSON).end(body);
    }
  }

  /** The body to answer with, or null when the router must decide. */
  private Buffer servable(HttpServerRequest request) {
    String profile = plainProfile(request.path());
    if (profile == null) {
      return null;
    }
    MultiMap headers = request.headers();
    String host = headers.get(HttpHeaders.HOST);
    boolean admitted =
        host != null
            && HostCheck.accepts(host, request.localAddress().port())
            && !BrowserRequestGuard.fromBrowser(headers)
            && !ForwardedForGuard.forwarded(headers)
            && TokenAuth.admits(tokens, headers.get(HttpHeaders.AUTHORIZATION), profile);
    return admitted ? credentials.availableBody(profile) : null;
  }

  /**
   * The profile named by a container-route path made only of plain characters, or null for any
   * other path.
   */
  static String plainProfile(String path) {
    if (path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
      return null;
    }
    boolean onlyDots = true;
    for (int i = PREFIX.length(); i < path.length(); i++) {
      char c = path.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.';
      if (!plain) {
        return null;
      }
      onlyDots &= c == '.';
    }
    // "." and ".." are path segments the router normalises away, not profile names.
    return onlyDots ? null : path.substring(PREFIX.length());
  }
}

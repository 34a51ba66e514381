package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The main port's request handler: answers the container route's everyday request itself and hands
 * every other request to the router.
 *
 * <p>It answers only a {@code GET /v1/credentials/{profile}} whose profile is a plain name
 * (letters, digits, {@code .}, {@code _}, {@code -}: no escapes, nothing the router would decode or
 * normalise) that passes every check of that route, the very list {@link Routes} mounts in the
 * router, and whose profile has credentials to serve now, with the body {@link
 * ContainerCredentialsHandler} keeps. A request any check would refuse, or that needs waiting or an
 * error answer, goes to the router unchanged, which checks it again and answers. So this handler
 * can only give an answer the router would give, without building a routing context, matching
 * routes or parsing parameters.
 */
final class ContainerFastPath implements Handler<HttpServerRequest> {

  private static final String PREFIX = "/v1/credentials/";

  private final Handler<HttpServerRequest> router;
  private final List<RequestCheck> checks;
  private final ContainerCredentialsHandler credentials;

  /**
   * @param checks every check the router runs on the container route, in its order
   */
  ContainerFastPath(
      Handler<HttpServerRequest> router,
      List<RequestCheck> checks,
      ContainerCredentialsHandler credentials) {
    this.router = router;
    this.checks = List.copyOf(checks);
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
    return profile != null && RequestCheck.allPass(checks, request, profile)
        ? credentials.availableBody(profile)
        : null;
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

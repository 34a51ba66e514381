package dev.rolekeeper.http;

import dev.rolekeeper.daemon.TokenScope;
import dev.rolekeeper.daemon.TokenStore;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * One guard: lets a request pass or names the refusal to answer it with.
 *
 * <p>{@link Routes} keeps each port's guards as one ordered list and mounts every check as a router
 * handler ({@link #handler()}); {@link ContainerFastPath} evaluates the same list before it answers
 * on its own. So a guard added to a list reaches the router and the fast path alike. A check reads
 * only the request and the route's profile; it must not allocate when it passes, as every request
 * passes each check of its route.
 */
@FunctionalInterface
interface RequestCheck {

  /**
   * @param profile the route's decoded {@code profile} parameter, or null where the route has none
   * @return empty when the request passes, else how it is refused
   */
  Optional<Refusal> check(HttpServerRequest request, String profile);

  /** The error reply of a refused request; the message never holds a secret. */
  record Refusal(int status, String code, String message) {}

  /** This check as a router handler: the next handler, or the refusal as {@link ErrorReply}. */
  default Handler<RoutingContext> handler() {
    return ctx -> {
      Optional<Refusal> refusal =
          check(ctx.request(), ctx.pathParam(ContainerCredentialsHandler.PROFILE_PARAM));
      if (refusal.isEmpty()) {
        ctx.next();
      } else {
        ErrorReply.send(ctx, refusal.get().status(), refusal.get().code(), refusal.get().message());
      }
    };
  }

  /** Whether every one of {@code checks} lets the request pass; allocation-free when they do. */
  static boolean allPass(List<RequestCheck> checks, HttpServerRequest request, String profile) {
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i).check(request, profile).isPresent()) {
        return false;
      }
    }
    return true;
  }

  /**
   * 400 {@code BadPath} for a malformed percent-escape ({@code %zz}, a trailing {@code %2}): the
   * router would otherwise fail decoding it and answer 500, blaming itself for the client's
   * mistake.
   */
  RequestCheck WELL_FORMED_PATH =
      (request, profile) -> {
        String path = request.path();
        if (path == null || wellFormed(path)) {
          return Optional.empty();
        }
        // The path may name a profile, never a secret; still only DEBUG, as the client's mistake.
        LoggerFactory.getLogger(RequestCheck.class)
            .debug("Refused {} {}: malformed percent-escape in the path", request.method(), path);
        return refuse(
            400,
            "BadPath",
            "the request path has a malformed percent-escape: '%' must be followed by"
                + " two hexadecimal digits");
      };

  /**
   * DNS-rebinding defence: 403 {@code BadHost} unless the {@code Host} header is {@code 127.0.0.1},
   * {@code localhost} or {@code [::1]} with the port that received the request ({@link
   * #loopbackHost}).
   */
  RequestCheck LOOPBACK_HOST =
      (request, profile) -> {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && loopbackHost(host, request.localAddress().port())
            ? Optional.empty()
            : refuse(
                403,
                "BadHost",
                "the Host header must name this loopback endpoint (127.0.0.1,"
                    + " localhost or [::1] with its port); requests for other names are refused");
      };

  /**
   * 400 {@code ForwardedRequest} for a request with {@code X-Forwarded-For}, as IMDSv2 does: it
   * came through a proxy, and credentials must not leave this machine that way.
   */
  RequestCheck NOT_FORWARDED =
      (request, profile) ->
          request.headers().contains(Names.X_FORWARDED_FOR)
              ? refuse(
                  400,
                  "ForwardedRequest",
                  "requests with X-Forwarded-For are refused: credentials are"
                      + " served to local processes only, never through a proxy")
              : Optional.empty();

  /**
   * The {@code Authorization} header (the raw token or {@code Bearer <token>}) must hold the
   * control token or a client token scoped to the route's {@code profile}; see {@link #token}.
   */
  static RequestCheck profileToken(TokenStore tokens) {
    return token(tokens, false);
  }

  /** The {@code Authorization} header must hold the control token; see {@link #token}. */
  static RequestCheck controlToken(TokenStore tokens) {
    return token(tokens, true);
  }

  /**
   * Missing or unknown token: 401 {@code InvalidToken}; a valid token without the right scope: 403
   * {@code TokenNotAllowed}. The token never appears in a reply or a log line.
   */
  private static RequestCheck token(TokenStore tokens, boolean controlOnly) {
    return (request, profile) -> {
      Optional<TokenScope> scope =
          tokens.check(presented(request.getHeader(HttpHeaders.AUTHORIZATION)));
      if (scope.isEmpty()) {
        return refuse(
            401,
            "InvalidToken",
            "missing or unknown token in the Authorization header: use the"
                + " token printed by 'rolekeeper env' (AWS_CONTAINER_AUTHORIZATION_TOKEN)");
      }
      if (controlOnly ? scope.get().control() : scope.get().allows(profile)) {
        return Optional.empty();
      }
      return refuse(
          403,
          "TokenNotAllowed",
          controlOnly
              ? "this route needs the control token"
              : "this token is not scoped to profile '"
                  + profile
                  + "': get one with 'rolekeeper env <profile>'");
    };
  }

  /**
   * IMDSv2 only: 401 {@code InvalidToken} unless {@link ImdsTokens#TOKEN_HEADER} holds a live token
   * (IMDSv1, token-less access, is off).
   */
  static RequestCheck imdsToken(ImdsTokens tokens) {
    return (request, profile) ->
        tokens.isValid(request.getHeader(ImdsTokens.TOKEN_HEADER))
            ? Optional.empty()
            : refuse(
                401,
                "InvalidToken",
                "IMDSv2 needs a live session token: PUT /latest/api/token first and send it in "
                    + ImdsTokens.TOKEN_HEADER);
  }

  /**
   * Whether {@code host} names a loopback name with {@code port} (left out only for port 80);
   * allocation-free as it runs on every request.
   */
  static boolean loopbackHost(String host, int port) {
    for (String name : Names.LOOPBACK) {
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

  private static boolean wellFormed(String path) {
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

  private static String presented(String header) {
    if (header != null && header.regionMatches(true, 0, Names.BEARER, 0, Names.BEARER.length())) {
      return header.substring(Names.BEARER.length()).trim();
    }
    return header;
  }

  private static Optional<Refusal> refuse(int status, String code, String message) {
    return Optional.of(new Refusal(status, code, message));
  }

  /** The checks' constants, kept private here as an interface's own fields cannot be. */
  final class Names {
    private static final String[] LOOPBACK = {"127.0.0.1", "localhost", "[::1]"};
    private static final String BEARER = "Bearer ";
    private static final CharSequence X_FORWARDED_FOR =
        HttpHeaders.createOptimized("X-Forwarded-For");

    private Names() {}
  }
}

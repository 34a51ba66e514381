package dev.rolekeeper.http;

import dev.rolekeeper.daemon.TokenScope;
import dev.rolekeeper.daemon.TokenStore;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Checks the {@code Authorization} header (the raw token, or {@code Bearer <token>}) against the
 * {@link TokenStore}.
 *
 * <p>Two kinds: {@link #forProfileParam(TokenStore)} lets the control token or a client token
 * scoped to the request's {@code profile} path parameter through; {@link #controlOnly(TokenStore)}
 * only the control token. Missing or unknown token: 401 {@code InvalidToken}; a valid token without
 * the right scope: 403 {@code TokenNotAllowed}. The token never appears in a reply or a log line.
 */
final class TokenAuth implements Handler<RoutingContext> {

  private static final String BEARER = "Bearer ";

  private final TokenStore tokens;
  private final boolean controlOnly;

  private TokenAuth(TokenStore tokens, boolean controlOnly) {
    this.tokens = tokens;
    this.controlOnly = controlOnly;
  }

  static TokenAuth forProfileParam(TokenStore tokens) {
    return new TokenAuth(tokens, false);
  }

  static TokenAuth controlOnly(TokenStore tokens) {
    return new TokenAuth(tokens, true);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<TokenScope> scope =
        tokens.check(presented(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)));
    if (scope.isEmpty()) {
      ErrorReply.send(
          ctx,
          401,
          "InvalidToken",
          "missing or unknown token in the Authorization header: use the"
              + " token printed by 'rolekeeper env' (AWS_CONTAINER_AUTHORIZATION_TOKEN)");
    } else if (!allowed(scope.get(), ctx)) {
      ErrorReply.send(
          ctx,
          403,
          "TokenNotAllowed",
          controlOnly
              ? "this route needs the control token"
              : "this token is not scoped to profile '"
                  + ctx.pathParam(ContainerCredentialsHandler.PROFILE_PARAM)
                  + "': get one with 'rolekeeper env <profile>'");
    } else {
      ctx.next();
    }
  }

  /**
   * Whether the {@code Authorization} header value holds a token that may read {@code profile}: the
   * question {@link #forProfileParam} answers, asked without a routing context.
   */
  static boolean admits(TokenStore tokens, String authorization, String profile) {
    Optional<TokenScope> scope = tokens.check(presented(authorization));
    return scope.isPresent() && scope.get().allows(profile);
  }

  private boolean allowed(TokenScope scope, RoutingContext ctx) {
    if (controlOnly) {
      return scope.control();
    }
    return scope.allows(ctx.pathParam(ContainerCredentialsHandler.PROFILE_PARAM));
  }

  private static String presented(String header) {
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return header.substring(BEARER.length()).trim();
    }
    return header;
  }
}

package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /latest/meta-data/iam/security-credentials/} (and {@code -extended/}): the one role
 * name IMDS serves, the IMDS profile, with no trailing newline. 404 {@code NoRole}, with the reason
 * and the fix, when IMDS serves no role (see {@link ImdsChoice}).
 */
final class ImdsRoleListHandler implements Handler<RoutingContext> {

  static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain");

  private final ImdsRole roles;

  ImdsRoleListHandler(ImdsRole roles) {
    this.roles = roles;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String role = ErrorReply.imdsRoleOr404(ctx, roles);
    if (role == null) {
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN).end(role);
  }
}

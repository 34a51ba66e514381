package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the request's SigV4 signature; passes on the signer or answers with the STS error. As
 * STS, an unsigned {@code AssumeRoleWithWebIdentity} passes with no signer: its token is its
 * credential.
 */
final class AuthenticationHandler implements Handler<RoutingContext> {

  static final String CALLER = "sts.caller";

  private final SigV4Verifier verifier;

  AuthenticationHandler(SigV4Verifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (unsigned(ctx)
        && "AssumeRoleWithWebIdentity".equals(IntakeHandler.params(ctx).get("Action"))) {
      ctx.next();
      return;
    }
    SigV4Verifier.Result result = verifier.verify(toSignedRequest(ctx));
    if (result instanceof SigV4Verifier.Authenticated authenticated) {
      ctx.put(CALLER, authenticated.credential().principal());
      ctx.next();
    } else if (result instanceof SigV4Verifier.Rejected rejected) {
      StsReplies.error(ctx, rejected.error());
    }
  }

  private static boolean unsigned(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    return request.getHeader("Authorization") == null
        && request.getParam("X-Amz-Signature") == null;
  }

  private static SignedRequest toSignedRequest(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : request.headers().names()) {
      headers.put(name, request.headers().getAll(name));
    }
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    return new SignedRequest(
        request.method().name(), request.path(), request.query(), headers, body);
  }
}

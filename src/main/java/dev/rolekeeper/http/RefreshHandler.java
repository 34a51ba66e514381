package dev.rolekeeper.http;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /control/refresh/{profile}} (control token): refreshes now and answers {@code
 * {"profile","expiration"}}. 404 for a profile not served; when the refresh fails, 503 with the
 * session's reason if it now has no valid credentials (e.g. {@code MfaRequired}), else 502 {@code
 * RefreshFailed}.
 */
final class RefreshHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshHandler.class);
  static final String PROFILE_PARAM = "profile";

  private final SessionDirectory sessions;

  RefreshHandler(SessionDirectory sessions) {
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String profile = ctx.pathParam(PROFILE_PARAM);
    if (!sessions.profiles().contains(profile)) {
      ErrorReply.send(ctx, 404, "UnknownProfile", ErrorReply.notServed(profile));
      return;
    }
    ServableCredentials.onRequestContext(sessions.refresh(profile))
        .onSuccess(credentials -> succeed(ctx, profile, credentials))
        .onFailure(failure -> fail(ctx, profile, failure));
  }

  private static void succeed(RoutingContext ctx, String profile, AwsCredentials credentials) {
    JsonObject body =
        new JsonObject()
            .put("profile", profile)
            .put("expiration", CredentialsJson.timestamp(credentials.expiration()));
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, ErrorReply.APPLICATION_JSON)
        .end(body.toBuffer());
  }

  private void fail(RoutingContext ctx, String profile, Throwable failure) {
    // session failures carry secret-free messages by the session package's contract
    LOG.debug("Refresh of profile {} failed: {}", profile, failure.getMessage());
    if (sessions.lookup(profile) instanceof Lookup.Unavailable unavailable) {
      ErrorReply.send(ctx, 503, unavailable.code(), unavailable.message());
    } else {
      ErrorReply.send(
          ctx,
          502,
          "RefreshFailed",
          "refreshing profile '" + profile + "' failed: " + failure.getMessage());
    }
  }
}

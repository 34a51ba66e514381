package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code GET /control/status} (control token): {@code {"profiles":[{profile, plan, state, expiration, nextRefresh,
 * lastError, roleArn, mfaDevice, nextCodeNeeded, sts, region, network}, ...], "imds": {enabled, port, profile,
 * summary}, plus the add-ons' fields}, instants as ISO-8601, absent values as {@code null}. Free of secrets by the
 * {@link SessionStatus} contract. The lines are built on the session manager's context (where the sessions' state
 * lives) and the answer written back on the request's.
 */
final class StatusHandler implements Handler<RoutingContext> {

  private final SessionDirectory sessions;
  private final Supplier<JsonObject> extras;
  private final ImdsRole imds;

  StatusHandler(SessionDirectory sessions, Supplier<JsonObject> extras, ImdsRole imds) {
    this.sessions = sessions;
    this.extras = extras;
    this.imds = imds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ServableCredentials.onRequestContext(sessions.status())
        .onComplete(
            lines -> {
              if (lines.failed()) {
                ctx.fail(lines.cause());
                return;
              }
              JsonArray profiles = new JsonArray();
              lines.result().forEach(status -> profiles.add(toJson(status)));
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, ErrorReply.APPLICATION_JSON)
                  .end(
                      extras
                          .get()
                          .copy()
                          .put("imds", imds.statusJson())
                          .put("profiles", profiles)
                          .toBuffer());
            });
  }

  private static JsonObject toJson(SessionStatus status) {
    SessionStatus.Refresh refresh = status.refresh();
    return new JsonObject()
        .put("profile", status.profile())
        .put("plan", status.plan())
        .put("state", refresh.state())
        .put("expiration", iso(refresh.expiration()))
        .put("nextRefresh", iso(refresh.nextRefresh()))
        .put("lastError", refresh.lastError())
        .put("roleArn", status.roleArn())
        .put("mfaDevice", status.mfaDevice())
        .put("nextCodeNeeded", iso(refresh.nextCodeNeeded()))
        .put("sts", status.sts().endpoint())
        .put("region", status.sts().region())
        .put("network", status.sts().network());
  }

  private static String iso(Instant instant) {
    return instant == null
        ? null
        : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}

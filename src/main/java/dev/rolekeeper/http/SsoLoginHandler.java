package dev.rolekeeper.http;

import dev.rolekeeper.sso.SsoCalls;
import dev.rolekeeper.sso.SsoSessionStatus;
import dev.rolekeeper.sso.SsoSessions;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /control/sso/login} with JSON {@code {"session": optional}} (control token, after a
 * BodyHandler): the way in for {@code rolekeeper login}. Starts the device sign-in of that SSO
 * session, or joins the one under way, and answers 200 {@code {session, verificationUri,
 * verificationUriComplete, userCode, expiresAt}}; 404 {@code NoSsoSession} when no served profile
 * uses it; 502 {@code SignInFailed} when the service refused to start.
 */
public final class SsoLoginHandler implements Handler<RoutingContext> {

  private final SsoSessions sessions;

  public SsoLoginHandler(SsoSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<SignInRoute.Name> given =
        SignInRoute.name(ctx, "session", "send {\"session\": \"NAME\"}");
    if (given.isEmpty()) {
      return;
    }
    String name = given.get().value();
    sessions
        .startSignIn(name, false)
        .onComplete(
            result -> {
              if (result.succeeded()) {
                SsoCalls.DeviceCode device = result.result();
                String session =
                    sessions.status().stream()
                        .filter(
                            s ->
                                device
                                    .verificationUriComplete()
                                    .equals(s.signIn().verificationUri()))
                        .map(SsoSessionStatus::name)
                        .findFirst()
                        .orElse(name);
                ErrorReply.json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("session", session)
                        .put("verificationUri", device.verificationUri())
                        .put("verificationUriComplete", device.verificationUriComplete())
                        .put("userCode", device.userCode())
                        .put("expiresAt", device.expiresAt().toString()));
              } else {
                SignInRoute.notStarted(ctx, result.cause(), "NoSsoSession");
              }
            });
  }
}

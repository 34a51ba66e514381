package dev.rolekeeper.http;

import dev.rolekeeper.signin.ConsoleSessions;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /control/login/console} with JSON {@code {"name": optional}} (control token, after a
 * BodyHandler): the way in for {@code rolekeeper login PROFILE} on a console sign-in profile.
 * Starts the browser sign-in of the console session that profile (or {@code login_session} value)
 * uses, or joins the one under way, opens the authorize page in the person's browser where the
 * daemon can (as {@code aws login} does, and as the CLI tells them), and answers 200 {@code
 * {session, profiles, authorizeUrl, attempt, started}}: {@code attempt} numbers that sign-in, and
 * its outcome is the session's {@code lastSignIn} in {@code GET /control/status} once its {@code
 * attempt} is this one (see {@link ConsoleSessions#statusJson()}); {@code started} is when it
 * started. 404 {@code NoLoginSession} when no served profile matches (the CLI then tries IAM
 * Identity Center); 400 {@code BadRequest} for another body; 502 {@code SignInFailed} when the
 * sign-in could not start.
 */
public final class ConsoleLoginHandler implements Handler<RoutingContext> {

  private final ConsoleSessions sessions;

  public ConsoleLoginHandler(ConsoleSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<SignInRoute.Name> name = SignInRoute.name(ctx, "name", "send {\"name\": \"PROFILE\"}");
    if (name.isEmpty()) {
      return;
    }
    ServableCredentials.onRequestContext(sessions.startSignIn(name.get().value(), true))
        .onComplete(
            result -> {
              if (result.succeeded()) {
                ConsoleSessions.Started started = result.result();
                ErrorReply.json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("session", started.session())
                        .put("profiles", String.join(",", started.profiles()))
                        .put("authorizeUrl", started.authorizeUrl())
                        .put("attempt", started.attempt())
                        .put("started", started.startedAt().toString()));
              } else {
                SignInRoute.notStarted(ctx, result.cause(), "NoLoginSession");
              }
            });
  }
}

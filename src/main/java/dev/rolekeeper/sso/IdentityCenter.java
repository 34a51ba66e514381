package dev.rolekeeper.sso;

import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.process.ProcessRunner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The IAM Identity Center pieces of a daemon: the SDK clients (endpoint overrides from the
 * environment), the AWS CLI's token cache under {@code $HOME}, the desktop prompter, and the route
 * status the daemon shows.
 */
public final class IdentityCenter implements AutoCloseable {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final SsoClients clients;
  private final SsoSessions sessions;

  private IdentityCenter(SsoClients clients, SsoSessions sessions) {
    this.clients = clients;
    this.sessions = sessions;
  }

  /**
   * @param env the daemon's environment (HOME, AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC,
   *     PATH)
   * @param lead how long before a sign-in is needed it is announced
   * @param promptEnv extra variables for the notification and browser commands (tests: DISPLAY,
   *     D-Bus)
   */
  public static IdentityCenter create(
      Vertx vertx, Map<String, String> env, Duration lead, Map<String, String> promptEnv) {
    return create(vertx, env, lead, new ProcessRunner(vertx, promptEnv));
  }

  /** With the daemon's one process runner, which launches the notification and browser commands. */
  public static IdentityCenter create(
      Vertx vertx, Map<String, String> env, Duration lead, ProcessRunner runner) {
    Clock clock = Clock.systemDefaultZone();
    SsoClients clients = SsoClients.fromEnvironment(env, CALL_TIMEOUT);
    SignInPrompter prompter = DesktopSignInPrompter.of(runner);
    SsoSessions sessions =
        new SsoSessions(
            vertx,
            new SsoTokenCache(UserPaths.of(env).ssoCache()),
            new SsoCalls(clients, clock),
            prompter,
            clock,
            lead);
    return new IdentityCenter(clients, sessions);
  }

  public SsoSessions sessions() {
    return sessions;
  }

  /** The {@code ssoSessions} field of {@code GET /control/status}. */
  public JsonArray statusJson() {
    JsonArray all = new JsonArray();
    for (SsoSessionStatus s : sessions.status()) {
      all.add(
          new JsonObject()
              .put("name", s.name())
              .put("startUrl", s.startUrl())
              .put("profiles", String.join(",", s.profiles()))
              .put("state", s.signIn().state())
              .put("tokenExpires", iso(s.token().expires()))
              .put("refreshable", s.token().refreshable())
              .put("signInNeededBy", iso(s.signIn().neededBy()))
              .put("verificationUri", s.signIn().verificationUri())
              .put("userCode", s.signIn().userCode())
              .put("lastError", s.lastError()));
    }
    return all;
  }

  private static String iso(Instant instant) {
    return instant == null
        ? null
        : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  @Override
  public void close() {
    sessions.stop();
    clients.close();
  }
}

package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.RandomTokens;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser side of {@code aws login}: {@code GET /v1/authorize} checks the authorization request
 * as the CLI sends it and shows the console user with Approve and Deny; the form's {@code POST
 * /v1/authorize} sends the browser back to the tool's loopback {@code redirect_uri} with {@code
 * code} and {@code state}, or {@code error=access_denied}. The form carries only an unguessable,
 * single-use request id (like a CSRF token); the request itself stays on the server, so a form
 * cannot redirect anywhere the checked request did not name. Plain HTML, no JavaScript.
 */
final class SigninAuthorizePage {

  static final String PATH = "/v1/authorize";

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private final SigninDirectory directory;
  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(
      String clientId, String redirectUri, String state, String challenge, Instant expiresAt) {}

  SigninAuthorizePage(SigninDirectory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  Handler<RoutingContext> show() {
    return ctx -> {
      MultiMap q = ctx.request().params();
      String problem = problem(q);
      if (problem != null) {
        html(
            ctx,
            400,
            "<h1>Invalid sign-in request</h1><p>" + SsoDevicePage.escape(problem) + "</p>");
        return;
      }
      Instant now = clock.instant();
      pending.values().removeIf(p -> p.expiresAt().isBefore(now));
      String request = RandomTokens.urlSafe(32);
      pending.put(
          request,
          new Pending(
              q.get("client_id"),
              q.get("redirect_uri"),
              q.get("state"),
              q.get("code_challenge"),
              now.plus(SigninDirectory.CODE_LIFE)));
      html(
          ctx,
          200,
          "<h1>Allow access to your AWS session?</h1><p>Signed in as <strong id=\"principal\">"
              + SsoDevicePage.escape(directory.userArn())
              + "</strong>. A tool on this computer asks for your console session's credentials.</p>"
              + "<form method=\"post\" action=\""
              + PATH
              + "\"><input type=\"hidden\" name=\"request\" value=\""
              + request
              + "\">"
              + "<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button> "
              + "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button></form>");
    };
  }

  Handler<RoutingContext> decide() {
    return ctx -> {
      MultiMap form = ctx.request().formAttributes();
      Pending request = pending.remove(String.valueOf(form.get("request")));
      if (request == null || !clock.instant().isBefore(request.expiresAt())) {
        html(ctx, 400, "<p>This sign-in request has expired or was already answered.</p>");
        return;
      }
      String answer =
          "approve".equals(form.get("decision"))
              ? "code="
                  + encode(
                      directory.newCode(
                          request.clientId(), request.redirectUri(), request.challenge()))
              : "error=access_denied";
      String separator = request.redirectUri().contains("?") ? "&" : "?";
      ctx.response()
          .setStatusCode(302)
          .putHeader(
              "Location",
              request.redirectUri() + separator + answer + "&state=" + encode(request.state()))
          .end();
    };
  }

  /** Why the request cannot be shown (as the CLI builds it), or null when it can. */
  private String problem(MultiMap q) {
    if (directory.userArn() == null) {
      return "The simulator has no console user";
    }
    if (!"code".equals(q.get("response_type"))) {
      return "response_type must be code";
    }
    if (!SigninDirectory.CLIENT_IDS.contains(q.get("client_id"))) {
      return "Unknown client_id";
    }
    String method = q.get("code_challenge_method");
    if (!"SHA-256".equals(method) && !"S256".equals(method)) {
      return "code_challenge_method must be SHA-256";
    }
    String challenge = q.get("code_challenge");
    if (challenge == null || !challenge.matches("[A-Za-z0-9_-]{43}")) {
      return "code_challenge must be a base64url SHA-256 digest";
    }
    if (q.get("state") == null || q.get("state").isBlank()) {
      return "state is required";
    }
    if (q.get("scope") == null || !Set.of(q.get("scope").split(" ")).contains("openid")) {
      return "scope must include openid";
    }
    return loopback(q.get("redirect_uri")) ? null : "redirect_uri must be an http loopback URL";
  }

  private static boolean loopback(String redirectUri) {
    try {
      URI uri = new URI(redirectUri);
      return "http".equals(uri.getScheme())
          && LOOPBACK.contains(uri.getHost())
          && uri.getPort() > 0
          && uri.getFragment() == null;
    } catch (java.net.URISyntaxException | NullPointerException e) {
      return false;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void html(RoutingContext ctx, int status, String body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(
            "<!doctype html><html><head><title>AWS Sign-In (simulated)</title></head><body>"
                + body
                + "</body></html>");
  }
}

package dev.rolekeeper.signin;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The loopback listener's one page, {@code GET /oauth/callback}: where the Sign-In page sends the
 * browser with {@code code} and {@code state}, or {@code error}. The first redirect decides the
 * attempt: with this attempt's state, a code or an error; without it, a foreign redirect (400).
 * Each answer is a short page telling the person to go back to the terminal; the outcome is handed
 * on once the page is written, so closing the listener cannot cut it off. Anything else is 404.
 */
final class CallbackHandler implements Handler<HttpServerRequest> {

  /** What the redirect brought. */
  sealed interface Callback permits Code, Denied, Foreign {}

  /** An authorization code for this attempt's state. */
  record Code(String code) implements Callback {
    @Override
    public String toString() {
      return "Code[redacted]";
    }
  }

  /**
   * The Sign-In page's {@code error} (e.g. {@code access_denied}), letters and underscores only.
   */
  record Denied(String error) implements Callback {}

  /** Not this attempt's redirect (no or another state, or neither code nor error). */
  record Foreign(String why) implements Callback {}

  private final byte[] state;
  private final Consumer<Callback> outcome;
  private final AtomicBoolean answered = new AtomicBoolean();

  CallbackHandler(String state, Consumer<Callback> outcome) {
    this.state = state.getBytes(StandardCharsets.UTF_8);
    this.outcome = outcome;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET || !SignInRequest.CALLBACK_PATH.equals(request.path())) {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end();
      return;
    }
    if (!answered.compareAndSet(false, true)) {
      page(request.response(), 400, "This sign-in was already answered.", "");
      return;
    }
    Callback callback = read(request.params());
    Future<Void> written;
    if (callback instanceof Code) {
      written = page(request.response(), 200, "Sign-in received.", "rolekeeper finishes it now.");
    } else if (callback instanceof Denied) {
      written = page(request.response(), 200, "Sign-in denied.", "No session was stored.");
    } else {
      written =
          page(
              request.response(),
              400,
              "This is not the sign-in rolekeeper is waiting for.",
              "Nothing was stored; start the sign-in again.");
    }
    written.onComplete(sent -> outcome.accept(callback));
  }

  private Callback read(MultiMap query) {
    String returned = query.get("state");
    // Compared in constant time: the state is what makes a redirect ours.
    if (returned == null
        || !MessageDigest.isEqual(state, returned.getBytes(StandardCharsets.UTF_8))) {
      return new Foreign("the redirect did not carry this sign-in's state");
    }
    String error = query.get("error");
    if (error != null) {
      String name = error.replaceAll("[^A-Za-z_]", "");
      return new Denied(name.substring(0, Math.min(name.length(), 64)));
    }
    String code = query.get("code");
    if (code == null || code.isBlank()) {
      return new Foreign("the redirect carried neither a code nor an error");
    }
    return new Code(code);
  }

  private static Future<Void> page(
      HttpServerResponse response, int status, String title, String text) {
    return response
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        // The URL holds the authorization code: no page may learn it from a Referer.
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", "default-src 'none'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>rolekeeper sign-in</title>"
                + "</head><body><h1>"
                + title
                + "</h1><p>"
                + text
                + " You can close this tab and return to the terminal.</p></body></html>");
  }
}

package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser side of a device sign-in: {@code GET /sso/device?user_code=X} shows the code with
 * Approve and Deny buttons; their form {@code POST /sso/device} decides the sign-in, as the person
 * at the real portal would after logging in. This is what a test or the demo "opens in the
 * browser".
 */
final class SsoDevicePage {

  static final String PATH = "/sso/device";

  private final SsoDirectory directory;

  SsoDevicePage(SsoDirectory directory) {
    this.directory = directory;
  }

  Handler<RoutingContext> show() {
    return ctx -> {
      String code = ctx.request().getParam("user_code");
      if (code == null || directory.clients().pending(code).isEmpty()) {
        html(ctx, 404, "<p>No sign-in is waiting for this code. Start again from your tool.</p>");
        return;
      }
      String safe = escape(code);
      html(
          ctx,
          200,
          "<h1>Authorize request</h1><p>Signed in as "
              + escape(directory.userName())
              + ". A tool asks to sign in with code <strong id=\"user-code\">"
              + safe
              + "</strong>.</p>"
              + "<form method=\"post\" action=\""
              + PATH
              + "\">"
              + "<input type=\"hidden\" name=\"user_code\" value=\""
              + safe
              + "\">"
              + "<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button> "
              + "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button></form>");
    };
  }

  Handler<RoutingContext> decide() {
    return ctx -> {
      var form = ctx.request().formAttributes();
      String code = form.get("user_code");
      boolean approve = "approve".equals(form.get("decision"));
      boolean decided = code != null && (approve ? directory.approve(code) : directory.deny(code));
      if (!decided) {
        html(ctx, 404, "<p>No sign-in is waiting for this code. Start again from your tool.</p>");
      } else {
        html(
            ctx,
            200,
            approve
                ? "<h1>Request approved</h1><p>You may close this window.</p>"
                : "<h1>Request denied</h1><p>The tool was refused.</p>");
      }
    };
  }

  private static void html(RoutingContext ctx, int status, String body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(
            "<!doctype html><html><head><title>AWS IAM Identity Center (simulated)</title></head><body>"
                + body
                + "</body></html>");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

package dev.rolekeeper.mfa;

import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Renders the MFA web page: plain HTML forms that work without JavaScript, every dynamic value escaped.
 * Also sets the headers that keep the page from being framed, cached, or leaking its URL.
 */
final class MfaPageHtml {

  private MfaPageHtml() {}

  /** The page with one form per pending prompt; {@code notice} (may be empty) is shown above them. */
  static String form(String action, String csrf, List<MfaPrompt> pending, String notice) {
    StringBuilder html = head("Enter MFA code");
    if (!notice.isEmpty()) {
      html.append("<p role=\"alert\"><strong>").append(escape(notice)).append("</strong></p>\n");
    }
    if (pending.isEmpty()) {
      html.append("<p>No MFA code is needed right now.</p>\n");
    }
    for (MfaPrompt prompt : pending) {
      html.append("<form method=\"post\" action=\"").append(escape(action)).append("\">\n")
          .append("<h2>").append(escape(prompt.device())).append("</h2>\n")
          .append("<p>Profiles: ").append(escape(prompt.profileList())).append("<br>\n")
          .append("Session ends: ").append(escape(endsText(prompt))).append("<br>\n")
          .append("Why: ").append(escape(prompt.reason())).append("</p>\n")
          .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(csrf)).append("\">\n")
          .append("<input type=\"hidden\" name=\"device\" value=\"").append(escape(prompt.device())).append("\">\n")
          .append("<label>Code <input name=\"code\" type=\"password\" inputmode=\"numeric\" autocomplete=\"one-time-code\"")
          .append(" pattern=\"[0-9]{6}\" maxlength=\"6\" required autofocus></label>\n")
          .append("<button type=\"submit\">Send</button>\n</form>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  /** A page that only says {@code message}. */
  static String message(String title, String message) {
    return head(title).append("<p>").append(escape(message)).append("</p>\n</body></html>\n").toString();
  }

  /** Sends {@code html} with {@code status} and the page's security headers. */
  static void send(HttpServerResponse response, int status, String html) {
    response.setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy",
            "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        .end(html);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static StringBuilder head(String title) {
    return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>rolekeeper: ").append(escape(title)).append("</title></head><body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
  }

  private static String endsText(MfaPrompt prompt) {
    return prompt.sessionEnds() == null ? "no session is held yet" : prompt.sessionEnds().toString();
  }
}

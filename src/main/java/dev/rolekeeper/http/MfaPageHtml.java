package dev.rolekeeper.http;

import dev.rolekeeper.mfa.MfaPrompt;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the MFA web page: plain HTML that needs no JavaScript, every dynamic value escaped,
 * styled by the one inline style sheet the Content-Security-Policy allows by hash. Also sets the
 * headers that keep the page from being framed, cached, or leaking its URL to other sites.
 */
final class MfaPageHtml {

  private MfaPageHtml() {}

  /**
   * The entry page for {@code prompt}: who waits, for which device, until when, and the form
   * (posting back to {@code action}), with {@code notice} above it.
   */
  static String prompt(
      String action,
      String csrf,
      MfaPrompt prompt,
      Optional<Instant> deadline,
      Notice notice,
      Clock clock) {
    DeviceName device = DeviceName.of(prompt.device());
    StringBuilder html = head("Enter your MFA code", notice);
    boolean one = prompt.profiles().size() == 1;
    html.append("<p>")
        .append(one ? "Profile " : "Profiles ")
        .append(bold(prompt.profileList()))
        .append(one ? " is" : " are")
        .append(" waiting for a code from your MFA device.</p>\n<dl>\n")
        .append("<dt>MFA device</dt><dd>")
        .append(bold(device.name()))
        .append(device.accountGrouped().map(a -> " in AWS account " + a).orElse(""))
        .append(
            device.account().isPresent()
                ? "<br><span class=\"arn\">" + escape(prompt.device()) + "</span>"
                : "")
        .append("</dd>\n<dt>Current session</dt><dd>")
        .append(
            prompt.sessionEnds() == null
                ? "none yet: programs get no credentials until the code is given"
                : "ends " + escape(PageWords.when(clock, prompt.sessionEnds())))
        .append("</dd>\n");
    deadline.ifPresent(
        d ->
            html.append("<dt>This request</dt><dd>expires ")
                .append(escape(PageWords.when(clock, d)))
                .append("</dd>\n"));
    if (!prompt.reason().isBlank() && notice.text().isEmpty()) {
      html.append("<dt>Why</dt><dd>").append(escape(prompt.reason())).append("</dd>\n");
    }
    html.append("</dl>\n")
        .append("<form method=\"post\" action=\"")
        .append(escape(action))
        .append("\">\n")
        .append("<input type=\"hidden\" name=\"csrf\" value=\"")
        .append(escape(csrf))
        .append("\">\n")
        .append("<label for=\"code\">The 6-digit code from your authenticator app</label>\n")
        .append(
            "<div class=\"row\"><input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\"")
        .append(
            " autocomplete=\"one-time-code\" pattern=\"\\s*[0-9]{3}\\s?[0-9]{3}\\s*\" title=\"6 digits\"")
        .append(" size=\"7\" spellcheck=\"false\" required autofocus>\n")
        .append("<button type=\"submit\">Send code</button></div>\n")
        .append(
            "<p class=\"hint\">The code changes every 30 seconds, and each code works only once.</p>\n")
        .append("</form>\n");
    return tail(html);
  }

  /** A page without a form: a heading, a notice, and an optional paragraph of what to do next. */
  static String message(String title, Notice notice, String next) {
    StringBuilder html = head(title, notice);
    if (!next.isEmpty()) {
      html.append("<p>").append(withCode(escape(next))).append("</p>\n");
    }
    return tail(html);
  }

  /** Sends {@code html} with {@code status} and the page's security headers. */
  static void send(HttpServerResponse response, int status, String html) {
    response
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        // same-origin: the page's own form post carries its real Origin (no-referrer would make it
        // "null"), and no
        // other site ever sees the page's address in a Referer.
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", PageStyle.CONTENT_SECURITY_POLICY)
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

  /** Shows the commands a sentence names in `backticks` as code. */
  private static String withCode(String escaped) {
    return escaped.replaceAll("`([^`]+)`", "<code>$1</code>");
  }

  private static String bold(String text) {
    return "<strong>" + escape(text) + "</strong>";
  }

  private static StringBuilder head(String title, Notice notice) {
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>")
            .append(escape(title))
            .append(" · rolekeeper</title>\n")
            .append("<style>")
            .append(PageStyle.CSS)
            .append("</style>\n</head><body><main>\n")
            .append(
                "<p class=\"brand\">rolekeeper · AWS sessions on this computer</p>\n<div class=\"card\">\n")
            .append("<h1>")
            .append(escape(title))
            .append("</h1>\n");
    if (!notice.text().isEmpty()) {
      html.append("<p class=\"notice")
          .append(notice.good() ? " ok\" role=\"status\">" : "\" role=\"alert\">")
          .append(escape(notice.text()))
          .append("</p>\n");
    }
    return html;
  }

  private static String tail(StringBuilder html) {
    return html.append("</div>\n</main></body></html>\n").toString();
  }

  /**
   * A sentence shown above the page's content: good news or a problem; empty text shows nothing.
   */
  record Notice(boolean good, String text) {
    static final Notice NONE = new Notice(false, "");

    static Notice problem(String text) {
      return new Notice(false, text);
    }

    static Notice good(String text) {
      return new Notice(true, text);
    }
  }

  /**
   * An MFA device as a person knows it: the name given to it in IAM and the account it belongs to,
   * read from its ARN ({@code arn:aws:iam::111122223333:mfa/alice-phone}). A hardware token's
   * serial number has neither.
   *
   * @param name the device's name, or the serial number itself
   * @param account the twelve-digit account id, when the serial is an ARN
   */
  private record DeviceName(String name, Optional<String> account) {

    private static final Pattern ARN =
        Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):(?:mfa|u2f)/(?:.*/)?([^/]+)");

    static DeviceName of(String serial) {
      Matcher m = ARN.matcher(serial);
      return m.matches()
          ? new DeviceName(m.group(2), Optional.of(m.group(1)))
          : new DeviceName(serial, Optional.empty());
    }

    /** The account id grouped in fours, as the AWS console shows it: {@code 1111-2222-3333}. */
    Optional<String> accountGrouped() {
      return account.map(a -> a.substring(0, 4) + "-" + a.substring(4, 8) + "-" + a.substring(8));
    }
  }
}

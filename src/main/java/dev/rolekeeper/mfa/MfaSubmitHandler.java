package dev.rolekeeper.mfa;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mfa/:id} (form fields {@code code}, {@code device}, {@code csrf}; needs a {@code BodyHandler}
 * before it): hands the code to {@link PendingPrompts}.
 *
 * <p>Refuses, in this order: a cross-origin post (403; {@code Origin} must be {@code http://127.0.0.1:<port>},
 * or absent with {@code Sec-Fetch-Site: same-origin}), an unknown or spent link (404), a locked link (429),
 * then counts as a failed attempt a wrong CSRF token (403), a code that is not 6 digits (400) and a code no
 * prompt wanted (409). {@value MfaPageLinks#MAX_FAILURES} failures lock the link. An accepted code spends it.
 */
public final class MfaSubmitHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(MfaSubmitHandler.class);

  private final PendingPrompts prompts;
  private final MfaPageLinks links;

  public MfaSubmitHandler(PendingPrompts prompts, MfaPageLinks links) {
    this.prompts = prompts;
    this.links = links;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!sameOrigin(request)) {
      LOG.warn("refused a cross-origin MFA form post (Origin {})", request.getHeader("Origin"));
      MfaPageHtml.send(ctx.response(), 403, MfaPageHtml.message("Refused", "Cross-origin form posts are refused."));
      return;
    }
    Optional<MfaPageLinks.Link> found = links.find(ctx.pathParam("id"));
    if (found.isEmpty()) {
      MfaPageHtml.send(ctx.response(), 404, MfaPageHtml.message("Link expired", MfaPageHandler.EXPIRED));
      return;
    }
    MfaPageLinks.Link link = found.get();
    if (link.locked()) {
      MfaPageHtml.send(ctx.response(), 429, MfaPageHtml.message("Link locked", MfaPageHandler.LOCKED));
      return;
    }
    if (!link.csrfMatches(request.getFormAttribute("csrf"))) {
      fail(ctx, link, 403, "The form was stale or forged (CSRF token mismatch); reload the page.");
      return;
    }
    String code = request.getFormAttribute("code");
    if (!MfaCode.isWellFormed(code == null ? "" : code.strip())) {
      fail(ctx, link, 400, "The code must be exactly 6 digits.");
      return;
    }
    SubmitOutcome outcome = prompts.submit(device(request), new MfaCode(code.strip()));
    if (!outcome.accepted()) {
      fail(ctx, link, 409, outcome.message());
      return;
    }
    links.consume(link);
    MfaPageHtml.send(ctx.response(), 200, MfaPageHtml.message("Code received",
        "Thank you: " + outcome.message() + ". You can close this tab."));
  }

  private void fail(RoutingContext ctx, MfaPageLinks.Link link, int status, String why) {
    if (links.recordFailure(link)) {
      LOG.warn("MFA page link for {} locked after {} failed attempts", link.device(), MfaPageLinks.MAX_FAILURES);
      MfaPageHtml.send(ctx.response(), 429, MfaPageHtml.message("Link locked", MfaPageHandler.LOCKED));
      return;
    }
    MfaPageHtml.send(ctx.response(), status,
        MfaPageHtml.form(ctx.request().path(), link.csrf(), prompts.pending(), why));
  }

  private static Optional<String> device(HttpServerRequest request) {
    String device = request.getFormAttribute("device");
    return device == null || device.isBlank() ? Optional.empty() : Optional.of(device.strip());
  }

  static boolean sameOrigin(HttpServerRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
    }
    return origin.equals("http://127.0.0.1:" + request.localAddress().port());
  }
}

package dev.rolekeeper.mfa;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /mfa/:id}: the MFA entry page, reached only through a valid one-time link. Lists the pending
 * prompts, each with a form (CSRF token in a hidden field) posting back to the same URL. No JavaScript.
 * Unknown or spent links get 404, locked ones 429.
 */
public final class MfaPageHandler implements Handler<RoutingContext> {

  static final String EXPIRED = "This MFA link is no longer valid (it was used, or its prompt ended). "
      + "Run `rolekeeper mfa CODE`, or use the link from the newest notification.";
  static final String LOCKED = "Too many failed attempts: this MFA link is locked. Use `rolekeeper mfa CODE`.";

  private final PendingPrompts prompts;
  private final MfaPageLinks links;

  public MfaPageHandler(PendingPrompts prompts, MfaPageLinks links) {
    this.prompts = prompts;
    this.links = links;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<MfaPageLinks.Link> link = links.find(ctx.pathParam("id"));
    if (link.isEmpty()) {
      MfaPageHtml.send(ctx.response(), 404, MfaPageHtml.message("Link expired", EXPIRED));
    } else if (link.get().locked()) {
      MfaPageHtml.send(ctx.response(), 429, MfaPageHtml.message("Link locked", LOCKED));
    } else {
      MfaPageHtml.send(ctx.response(), 200,
          MfaPageHtml.form(ctx.request().path(), link.get().csrf(), prompts.pending(), ""));
    }
  }
}

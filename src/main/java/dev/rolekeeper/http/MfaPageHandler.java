package dev.rolekeeper.http;

import dev.rolekeeper.http.MfaPageHtml.Notice;
import dev.rolekeeper.mfa.MfaPageLinks;
import dev.rolekeeper.mfa.MfaPrompt;
import dev.rolekeeper.mfa.PendingPrompts;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code GET /mfa/:id}: the MFA entry page, reached only through a valid one-time link: the prompt
 * of the link's MFA device and a form (CSRF token in a hidden field) posting back to the same URL.
 * No JavaScript. Unknown or spent links get 404, locked ones 429.
 */
public final class MfaPageHandler implements Handler<RoutingContext> {

  private final PendingPrompts prompts;
  private final MfaPageLinks links;
  private final Clock clock;
  private final Consumer<String> opened;

  MfaPageHandler(PendingPrompts prompts, MfaPageLinks links, Clock clock, Consumer<String> opened) {
    this.prompts = prompts;
    this.links = links;
    this.clock = clock;
    this.opened = opened;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<MfaPageLinks.Link> link = links.find(ctx.pathParam("id"));
    if (link.isEmpty()) {
      MfaPageHtml.send(ctx.response(), 404, PageWords.expired());
    } else if (link.get().locked()) {
      MfaPageHtml.send(ctx.response(), 429, PageWords.locked(""));
    } else {
      opened.accept(links.url(link.get()));
      MfaPageHtml.send(ctx.response(), 200, html(ctx.request().path(), link.get(), Notice.NONE));
    }
  }

  /**
   * The link's page at {@code path}: its device's pending prompt with {@code notice}, or {@code
   * notice} and why no form is shown.
   */
  String html(String path, MfaPageLinks.Link link, Notice notice) {
    Optional<MfaPrompt> prompt = prompts.pending(link.device());
    if (prompt.isPresent()) {
      return MfaPageHtml.prompt(
          path, link.csrf(), prompt.get(), prompts.deadline(link.device()), notice, clock);
    }
    return prompts.inPlay(link.device())
        ? MfaPageHtml.message("Checking a code", notice, PageWords.CHECKING)
        : MfaPageHtml.message("No code needed now", notice, PageWords.NOT_ASKING);
  }
}

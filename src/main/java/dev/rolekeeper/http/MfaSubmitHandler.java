package dev.rolekeeper.http;

import dev.rolekeeper.crypto.Sha256;
import dev.rolekeeper.http.MfaPageHtml.Notice;
import dev.rolekeeper.mfa.MfaCode;
import dev.rolekeeper.mfa.MfaPageLinks;
import dev.rolekeeper.mfa.PendingPrompts;
import dev.rolekeeper.mfa.SubmitOutcome;
import dev.rolekeeper.mfa.VerdictWait;
import dev.rolekeeper.session.CodeSource.CodeVerdict;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /mfa/:id} (form fields {@code code}, {@code csrf}; needs a {@code BodyHandler} before
 * it, and the endpoint's browser guard, which lets only the page's own form post through): hands
 * the code to the prompt of the link's MFA device and waits, at most {@code verdictWait}, for what
 * STS makes of it.
 *
 * <p>Answers: an unknown or spent link 404, a locked one 429. Refused, each counting toward the
 * lock: a wrong CSRF token (403), a code that is not 6 digits (400), the code just accepted through
 * this page (409), a code STS refused (409). A refused code leaves the link valid and shows the
 * form again for the next prompt. An accepted code spends the link (200, with the profiles and
 * until when their sessions last).
 */
public final class MfaSubmitHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(MfaSubmitHandler.class);

  private final PendingPrompts prompts;
  private final MfaPageLinks links;
  private final MfaPageHandler page;
  private final RecentCodes recent;
  private final Clock clock;
  private final Duration verdictWait;

  MfaSubmitHandler(
      PendingPrompts prompts,
      MfaPageLinks links,
      MfaPageHandler page,
      Clock clock,
      Duration verdictWait) {
    this.prompts = prompts;
    this.links = links;
    this.page = page;
    this.recent = new RecentCodes(clock);
    this.clock = clock;
    this.verdictWait = verdictWait;
  }

  @Override
  public void handle(RoutingContext ctx) {
    reply(ctx).onSuccess(page -> MfaPageHtml.send(ctx.response(), page.status(), page.html()));
  }

  /** A page to answer with, and its status. */
  private record Page(int status, String html) {}

  /** Judges the post, in one place: what the page says, once STS's verdict came if one is due. */
  private Future<Page> reply(RoutingContext ctx) {
    Optional<MfaPageLinks.Link> found = links.find(ctx.pathParam("id"));
    if (found.isEmpty()) {
      return Future.succeededFuture(new Page(404, PageWords.expired()));
    }
    MfaPageLinks.Link link = found.get();
    if (link.locked()) {
      return Future.succeededFuture(new Page(429, PageWords.locked("")));
    }
    String path = ctx.request().path();
    if (!link.csrfMatches(ctx.request().getFormAttribute("csrf"))) {
      return Future.succeededFuture(refused(path, link, 403, PageWords.STALE_FORM, ""));
    }
    String raw = ctx.request().getFormAttribute("code");
    // Authenticator apps show "123 456"; people copy it with the space.
    String digits = raw == null ? "" : raw.replaceAll("\\s", "");
    if (!MfaCode.isWellFormed(digits)) {
      return Future.succeededFuture(refused(path, link, 400, PageWords.MALFORMED, ""));
    }
    if (recent.justUsed(link.device(), digits)) {
      return Future.succeededFuture(
          refused(path, link, 409, PageWords.JUST_USED, PageWords.JUST_USED_NEXT));
    }
    SubmitOutcome outcome = prompts.submit(Optional.of(link.device()), new MfaCode(digits));
    if (!(outcome instanceof SubmitOutcome.Accepted accepted)) {
      Notice notice =
          Notice.problem("rolekeeper was not waiting for this code: " + outcome.message());
      return Future.succeededFuture(new Page(409, page.html(path, link, notice)));
    }
    return VerdictWait.within(ctx.vertx(), accepted.verdict(), verdictWait)
        .map(verdict -> judged(path, link, digits, accepted.profiles(), verdict));
  }

  /** The page after STS's verdict on a code handed over, or after waiting for one in vain. */
  private Page judged(
      String path,
      MfaPageLinks.Link link,
      String digits,
      List<String> profiles,
      Optional<CodeVerdict> verdict) {
    if (verdict.isEmpty()) {
      return new Page(
          504,
          MfaPageHtml.message(
              "Still waiting for STS",
              Notice.problem(String.format(PageWords.NO_VERDICT, verdictWait.toSeconds())),
              PageWords.NO_VERDICT_NEXT));
    }
    if (verdict.get() instanceof CodeVerdict.Accepted accepted) {
      links.consume(link);
      recent.accepted(link.device(), digits);
      boolean one = profiles.size() == 1;
      String text =
          "Code accepted: "
              + (one ? "profile " : "profiles ")
              + String.join(", ", profiles)
              + (one ? " has a session" : " have sessions")
              + " until "
              + PageWords.when(clock, accepted.until())
              + ".";
      return new Page(
          200, MfaPageHtml.message("All set", Notice.good(text), PageWords.ACCEPTED_NEXT));
    }
    if (verdict.get() instanceof CodeVerdict.Refused refused) {
      return refused(
          path,
          link,
          409,
          "STS refused this code (" + refused.why().strip() + ").",
          PageWords.REFUSED_NEXT);
    }
    String why = ((CodeVerdict.NotChecked) verdict.get()).why();
    return new Page(
        502, page.html(path, link, Notice.problem("The code could not be checked: " + why)));
  }

  /**
   * Counts a refused code: the lock page, or the form again saying {@code why} and what to do
   * {@code next}.
   */
  private Page refused(String path, MfaPageLinks.Link link, int status, String why, String next) {
    if (links.recordFailure(link)) {
      LOG.warn(
          "MFA page link for {} locked after {} refused codes",
          link.device(),
          MfaPageLinks.MAX_FAILURES);
      return new Page(429, PageWords.locked(why));
    }
    return new Page(
        status, page.html(path, link, Notice.problem(next.isEmpty() ? why : why + " " + next)));
  }

  /**
   * The code STS last accepted through the page, per MFA device, for a couple of minutes: a person
   * who types it again is told it was just used instead of sending it to STS. Kept as a SHA-256
   * digest only; the code itself is spent once accepted, and forgotten with its entry.
   */
  private static final class RecentCodes {

    /** Longer than a TOTP code stays valid (30 s step, and STS accepts the neighbouring steps). */
    static final Duration MEMORY = Duration.ofMinutes(2);

    private final Clock clock;
    private final Map<String, Used> byDevice = new ConcurrentHashMap<>();

    RecentCodes(Clock clock) {
      this.clock = clock;
    }

    void accepted(String device, String digits) {
      byDevice.put(device, new Used(digest(device, digits), clock.instant().plus(MEMORY)));
    }

    boolean justUsed(String device, String digits) {
      Used used = byDevice.get(device);
      if (used == null || clock.instant().isAfter(used.until())) {
        byDevice.remove(device, used);
        return false;
      }
      return MessageDigest.isEqual(used.digest(), digest(device, digits));
    }

    private static byte[] digest(String device, String digits) {
      return Sha256.of((device + '\n' + digits).getBytes(StandardCharsets.UTF_8));
    }

    private record Used(byte[] digest, Instant until) {}
  }
}

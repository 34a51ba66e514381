package dev.rolekeeper.http;

import dev.rolekeeper.mfa.MfaPageLinks;
import dev.rolekeeper.mfa.PendingPrompts;
import dev.rolekeeper.mfa.VerdictWait;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The MFA web page's two route handlers over the one-time links of {@link MfaPageLinks}. Mount
 * {@code GET /mfa/:id} → {@link #pageHandler()} and {@code POST /mfa/:id} → {@link
 * #submitHandler()} (after a BodyHandler), behind the endpoint's Host check and browser guard,
 * which must let a person's navigation and the page's own form post through.
 */
public final class MfaPage {

  private final MfaPageHandler page;
  private final MfaSubmitHandler submit;

  /**
   * @param opened told the URL of each link whose page a browser opened (so that a file which
   *     handed the link over can go)
   */
  public MfaPage(
      PendingPrompts prompts,
      MfaPageLinks links,
      Consumer<String> opened,
      Clock clock,
      Duration verdictWait) {
    this.page = new MfaPageHandler(prompts, links, clock, opened);
    this.submit = new MfaSubmitHandler(prompts, links, page, clock, verdictWait);
  }

  public MfaPage(PendingPrompts prompts, MfaPageLinks links, Consumer<String> opened) {
    this(prompts, links, opened, Clock.systemDefaultZone(), VerdictWait.DEFAULT);
  }

  /** {@code GET /mfa/:id}. */
  public MfaPageHandler pageHandler() {
    return page;
  }

  /** {@code POST /mfa/:id}. */
  public MfaSubmitHandler submitHandler() {
    return submit;
  }
}

package dev.rolekeeper.http;

import dev.rolekeeper.mfa.PendingPrompts;
import dev.rolekeeper.mfa.VerdictWait;
import dev.rolekeeper.mfa.WebLinkSource;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The MFA web page: its one-time links and its two route handlers. Mount {@code GET /mfa/:id} →
 * {@link #pageHandler()} and {@code POST /mfa/:id} → {@link #submitHandler()} (after a
 * BodyHandler), behind the endpoint's Host check and browser guard, which must let a person's
 * navigation and the page's own form post through.
 */
public final class MfaPage {

  private final MfaPageLinks links;
  private final MfaPageHandler page;
  private final MfaSubmitHandler submit;

  /**
   * @param port the daemon's listening port, asked when a link is built
   */
  public MfaPage(PendingPrompts prompts, IntSupplier port, Clock clock, Duration verdictWait) {
    this.links = new MfaPageLinks(prompts, port);
    this.page = new MfaPageHandler(prompts, links, clock);
    this.submit = new MfaSubmitHandler(prompts, links, page, clock, verdictWait);
  }

  public MfaPage(PendingPrompts prompts, IntSupplier port) {
    this(prompts, port, Clock.systemDefaultZone(), VerdictWait.DEFAULT);
  }

  /** The one-time links, for prompters and tests. */
  public MfaPageLinks links() {
    return links;
  }

  /** The links as prompters see them. */
  public WebLinkSource linkSource() {
    return links;
  }

  /**
   * Tells {@code listener} the URL of each link whose page a browser opened (so that a file which
   * handed the link over can go).
   */
  public void whenOpened(Consumer<String> listener) {
    page.whenOpened(listener);
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

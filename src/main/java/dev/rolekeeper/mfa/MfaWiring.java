package dev.rolekeeper.mfa;

import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.config.PromptWay;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Builds the MFA pieces from {@link MfaSettings} for this operating system: the registry, the web page
 * links, and the route handlers the daemon mounts.
 *
 * <p>Routes: {@code GET /mfa/:id} → {@link #pageHandler()}, {@code POST /mfa/:id} → {@link #submitHandler()}
 * (after a BodyHandler; these two must be let through the browser-header filter), and
 * {@code POST /control/mfa} → {@link #controlHandler()} behind the control-token check.
 */
public final class MfaWiring {

  private final PendingPrompts prompts;
  private final MfaPageLinks links;

  private MfaWiring(PendingPrompts prompts, MfaPageLinks links) {
    this.prompts = prompts;
    this.links = links;
  }

  /**
   * @param port the daemon's listening port, asked when a web page URL is built
   * @param environment extra variables for prompt commands (tests: DISPLAY, DBUS_SESSION_BUS_ADDRESS)
   */
  public static MfaWiring create(Vertx vertx, MfaSettings settings, IntSupplier port, Map<String, String> environment) {
    return create(vertx, settings, port, new ProcessRunner(vertx, environment));
  }

  /** With the daemon's one process runner, which launches every prompt command. */
  public static MfaWiring create(Vertx vertx, MfaSettings settings, IntSupplier port, ProcessRunner runner) {
    return create(vertx, settings, port, runner, settings::processFor);
  }

  /**
   * @param processFor the {@code mfa_process} command for a device, asked at each prompt (a reload may change it);
   *     the process way is wired only when {@code settings} has a command at start
   */
  public static MfaWiring create(Vertx vertx, MfaSettings settings, IntSupplier port, ProcessRunner runner,
      Function<String, Optional<String>> processFor) {
    Clock clock = Clock.systemDefaultZone();
    // The prompters need links and the links need the registry: resolve the cycle once both exist.
    AtomicReference<WebLinkSource> linkRef = new AtomicReference<>(WebLinkSource.none());
    WebLinkSource links = settings.ways().contains(PromptWay.WEB)
        ? prompt -> linkRef.get().linkFor(prompt)
        : WebLinkSource.none();
    Map<PromptWay, Prompter> prompters = new EnumMap<>(PromptWay.class);
    if (settings.ways().contains(PromptWay.NOTIFICATION)) {
      prompters.put(PromptWay.NOTIFICATION, notification(runner, links, settings.promptTimeout(), clock));
    }
    if (settings.hasProcess()) {
      prompters.put(PromptWay.PROCESS,
          new ProcessCodeSource(vertx, runner, processFor, settings.processTimeout(), clock));
    }
    PendingPrompts prompts = new PendingPrompts(vertx, settings.promptTimeout(), settings.ways(), prompters);
    MfaPageLinks pageLinks = new MfaPageLinks(prompts, port);
    linkRef.set(pageLinks);
    return new MfaWiring(prompts, pageLinks);
  }

  private static Prompter notification(ProcessRunner runner, WebLinkSource links, Duration timeout, Clock clock) {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
      return new MacNotificationPrompter(runner, timeout, clock);
    }
    ProgramLocator programs = new ProgramLocator(Optional.ofNullable(runner.env("PATH")).orElse(""));
    EntryDialog dialog = new EntryDialog(runner, programs, links, timeout, clock);
    return new LinuxNotificationPrompter(runner, programs, dialog, links, timeout, clock);
  }

  /** The registry the session package asks for codes. */
  public PendingPrompts prompts() {
    return prompts;
  }

  /** The one-time links of the web page. */
  public MfaPageLinks links() {
    return links;
  }

  /** {@code GET /mfa/:id}. */
  public MfaPageHandler pageHandler() {
    return new MfaPageHandler(prompts, links);
  }

  /** {@code POST /mfa/:id}. */
  public MfaSubmitHandler submitHandler() {
    return new MfaSubmitHandler(prompts, links);
  }

  /** {@code POST /control/mfa}. */
  public MfaSubmitControlHandler controlHandler() {
    return new MfaSubmitControlHandler(prompts);
  }
}

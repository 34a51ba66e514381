package dev.rolekeeper.mfa;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.os.Os;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.process.ProgramLocator;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Builds the MFA pieces from {@link MfaSettings} for this operating system: the registry with its
 * prompters, and the control route handler ({@code POST /control/mfa}, behind the control-token
 * check). The web page lives in a package of its own and hands its links in through {@link
 * #useWebLinks}.
 */
public final class MfaWiring {

  private final PendingPrompts prompts;
  private final AtomicReference<WebLinkSource> webLinks;

  private MfaWiring(PendingPrompts prompts, AtomicReference<WebLinkSource> webLinks) {
    this.prompts = prompts;
    this.webLinks = webLinks;
  }

  /**
   * @param environment extra variables for prompt commands (tests: DISPLAY,
   *     DBUS_SESSION_BUS_ADDRESS)
   */
  public static MfaWiring create(
      Vertx vertx, MfaSettings settings, Map<String, String> environment) {
    return create(vertx, settings, new ProcessRunner(vertx, environment));
  }

  /** With the daemon's one process runner, which launches every prompt command. */
  public static MfaWiring create(Vertx vertx, MfaSettings settings, ProcessRunner runner) {
    return create(vertx, settings, runner, settings::processFor);
  }

  /**
   * @param processFor the {@code mfa_process} command for a device, asked at each prompt (a reload
   *     may change it); the process way is wired only when {@code settings} has a command at start
   */
  public static MfaWiring create(
      Vertx vertx,
      MfaSettings settings,
      ProcessRunner runner,
      Function<String, Optional<String>> processFor) {
    Clock clock = Clock.systemDefaultZone();
    // The prompters need links and the links need the registry: resolve the cycle once both exist.
    AtomicReference<WebLinkSource> linkRef = new AtomicReference<>(WebLinkSource.none());
    WebLinkSource links =
        settings.ways().contains(PromptWay.WEB)
            ? prompt -> linkRef.get().linkFor(prompt)
            : WebLinkSource.none();
    Map<PromptWay, Prompter> prompters = new EnumMap<>(PromptWay.class);
    if (settings.ways().contains(PromptWay.NOTIFICATION)) {
      prompters.put(
          PromptWay.NOTIFICATION, notification(runner, links, settings.promptTimeout(), clock));
    }
    if (settings.hasProcess()) {
      prompters.put(
          PromptWay.PROCESS,
          new ProcessCodeSource(vertx, runner, processFor, settings.processTimeout(), clock));
    }
    PendingPrompts prompts =
        new PendingPrompts(vertx, settings.promptTimeout(), settings.ways(), prompters);
    return new MfaWiring(prompts, linkRef);
  }

  /** The web page's link for the prompt now pending for {@code device}, as prompters show it. */
  public Optional<String> webLink(String device) {
    return prompts.pending(device).flatMap(prompt -> webLinks.get().linkFor(prompt));
  }

  /**
   * Where prompters get the web page's link from, when the web way is on (the links need the
   * registry first).
   */
  public void useWebLinks(WebLinkSource links) {
    webLinks.set(links);
  }

  private static Prompter notification(
      ProcessRunner runner, WebLinkSource links, Duration timeout, Clock clock) {
    if (Os.current() == Os.MACOS) {
      return new MacNotificationPrompter(runner, timeout, clock);
    }
    ProgramLocator programs =
        new ProgramLocator(Optional.ofNullable(runner.env("PATH")).orElse(""));
    EntryDialog dialog = new EntryDialog(runner, programs, links, timeout, clock);
    return new LinuxNotificationPrompter(runner, programs, dialog, links, timeout, clock);
  }

  /** The registry the session package asks for codes. */
  public PendingPrompts prompts() {
    return prompts;
  }
}

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
import java.util.function.Function;

/**
 * Asking people for MFA codes on this operating system, built from {@link MfaSettings}: the
 * registry of pending prompts ({@link PendingPrompts}) with its prompters, and the one-time links
 * of the local web page ({@link MfaPageLinks}), which the desktop prompters show when the web way
 * is on. Everything is given at construction: the links need only the daemon's port, the prompters
 * the links, the registry the prompters.
 */
public final class MfaPrompting {

  private final PendingPrompts prompts;
  private final MfaPageLinks links;

  private MfaPrompting(PendingPrompts prompts, MfaPageLinks links) {
    this.prompts = prompts;
    this.links = links;
  }

  /**
   * For tests without a daemon: no web page port.
   *
   * @param environment extra variables for prompt commands (tests: DISPLAY,
   *     DBUS_SESSION_BUS_ADDRESS)
   */
  public static MfaPrompting create(
      Vertx vertx, MfaSettings settings, Map<String, String> environment) {
    return create(vertx, settings, new ProcessRunner(vertx, environment), settings::processFor, 0);
  }

  /**
   * @param runner the daemon's one process runner, which launches every prompt command
   * @param processFor the {@code mfa_process} command for a device, asked at each prompt (a reload
   *     may change it); the process way is wired only when {@code settings} has a command at start
   * @param port the daemon's listening port, for the web page's links
   */
  public static MfaPrompting create(
      Vertx vertx,
      MfaSettings settings,
      ProcessRunner runner,
      Function<String, Optional<String>> processFor,
      int port) {
    Clock clock = Clock.systemDefaultZone();
    MfaPageLinks links = new MfaPageLinks(port);
    WebLinkSource shown = settings.ways().contains(PromptWay.WEB) ? links : WebLinkSource.none();
    Map<PromptWay, Prompter> prompters = new EnumMap<>(PromptWay.class);
    if (settings.ways().contains(PromptWay.NOTIFICATION)) {
      prompters.put(
          PromptWay.NOTIFICATION, notification(runner, shown, settings.promptTimeout(), clock));
    }
    if (settings.hasProcess()) {
      prompters.put(
          PromptWay.PROCESS,
          new ProcessCodeSource(vertx, runner, processFor, settings.processTimeout(), clock));
    }
    PendingPrompts prompts =
        new PendingPrompts(vertx, settings.promptTimeout(), settings.ways(), prompters);
    links.follow(prompts);
    return new MfaPrompting(prompts, links);
  }

  /** The web page's link for the prompt now pending for {@code device}, as prompters show it. */
  public Optional<String> webLink(String device) {
    return prompts.pending(device).flatMap(links::linkFor);
  }

  private static Prompter notification(
      ProcessRunner runner, WebLinkSource links, Duration timeout, Clock clock) {
    if (Os.current() == Os.MACOS) {
      return new MacNotificationPrompter(runner, timeout, clock);
    }
    ProgramLocator programs = runner.programs();
    EntryDialog dialog = new EntryDialog(runner, programs, links, timeout, clock);
    return new LinuxNotificationPrompter(runner, programs, dialog, links, timeout, clock);
  }

  /** The registry the session package asks for codes. */
  public PendingPrompts prompts() {
    return prompts;
  }

  /** The web page's one-time links. */
  public MfaPageLinks links() {
    return links;
  }
}

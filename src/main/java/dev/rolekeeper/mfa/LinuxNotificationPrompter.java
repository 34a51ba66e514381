package dev.rolekeeper.mfa;

import dev.rolekeeper.process.Notification;
import dev.rolekeeper.process.ProcessResult;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.process.ProgramLocator;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux desktop way: an {@code org.freedesktop.Notifications} notification with an "Enter code"
 * action, which opens the {@link EntryDialog}.
 *
 * <p>Why {@code notify-send} (libnotify-bin 0.8, Debian 12) rather than a Java D-Bus library: it
 * speaks the notification protocol including actions ({@code --action=enter=…} prints the chosen
 * action's name on stdout, and waits for it), it follows the session's D-Bus address and autolaunch
 * rules exactly like every other desktop program, it adds no dependency or native socket code to
 * the daemon, and it fails cleanly (non-zero exit) when no notification server is there. Nothing
 * secret travels: the code comes back through the dialog's stdout, never through the notification.
 *
 * <p>Fallbacks: no notification server → the dialog directly; no {@code DISPLAY} and no {@code
 * WAYLAND_DISPLAY} → one log line pointing at {@code rolekeeper mfa} and the web page, and {@link
 * Outcome.Unavailable} so the next configured way is tried.
 */
public final class LinuxNotificationPrompter implements Prompter {

  private static final Logger LOG = LoggerFactory.getLogger(LinuxNotificationPrompter.class);
  static final String ACTION = "enter";

  private final ProcessRunner runner;
  private final ProgramLocator programs;
  private final EntryDialog dialog;
  private final WebLinkSource links;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param timeout how long the notification stays up (use the prompt timeout)
   */
  public LinuxNotificationPrompter(
      ProcessRunner runner,
      ProgramLocator programs,
      EntryDialog dialog,
      WebLinkSource links,
      Duration timeout,
      Clock clock) {
    this.runner = runner;
    this.programs = programs;
    this.dialog = dialog;
    this.links = links;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public Running start(MfaPrompt prompt) {
    PromptRun run = new PromptRun();
    if (!Notification.hasDisplay(runner)) {
      LOG.warn("{}", headlessMessage(prompt));
      run.finish(
          new Outcome.Unavailable("no DISPLAY or WAYLAND_DISPLAY for a desktop notification"));
      return run;
    }
    Optional<String> notifySend = programs.find(Notification.PROGRAM).map(Object::toString);
    Future<Outcome> outcome =
        notifySend.isEmpty()
            ? dialog.ask(prompt, run)
            : run.run(runner, command(notifySend.get(), prompt), "", timeout.plusSeconds(5))
                .compose(result -> afterNotification(prompt, run, result));
    run.finishWith(outcome, "the desktop notification");
    return run;
  }

  /** The notify-send command line for {@code prompt} (profile names and device only, no secret). */
  List<String> command(String notifySend, MfaPrompt prompt) {
    return new Notification(MfaPrompt.TITLE, prompt.text(clock), ACTION, "Enter code", timeout)
        .command(notifySend);
  }

  /** The log line for a machine without a display. */
  String headlessMessage(MfaPrompt prompt) {
    String web = links.linkFor(prompt).map(url -> " or open " + url).orElse("");
    return "MFA code needed for "
        + prompt.device()
        + " (profiles "
        + prompt.profileList()
        + "): run `rolekeeper mfa` and type it"
        + web;
  }

  private Future<Outcome> afterNotification(MfaPrompt prompt, PromptRun run, ProcessResult result) {
    if (run.cancelled()) {
      return Future.succeededFuture(new Outcome.Waiting("the prompt ended"));
    }
    if (result.exitCode() != 0) {
      LOG.info(
          "no desktop notification server answered (notify-send exit {}): opening the entry dialog directly",
          result.exitCode());
      return dialog.ask(prompt, run);
    }
    if (ACTION.equals(result.stdout().strip())) {
      return dialog.ask(prompt, run);
    }
    return Future.succeededFuture(
        new Outcome.Waiting("the notification was closed without 'Enter code'"));
  }
}

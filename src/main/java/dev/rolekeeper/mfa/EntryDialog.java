package dev.rolekeeper.mfa;

import dev.rolekeeper.process.Notification;
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
 * The Linux entry dialog: {@code zenity --entry --hide-text}, else {@code kdialog --password}; the
 * code is read from the dialog's stdout, never put on a command line. With neither installed, the
 * local web page is opened in the browser ({@code xdg-open}) instead, through a {@link
 * dev.rolekeeper.process.BrowserHandoff} file so that its one-time link is on no command line.
 *
 * <p>An answer that is not 6 digits asks again (a few times); Cancel leaves the passive ways open.
 */
public final class EntryDialog {

  private static final Logger LOG = LoggerFactory.getLogger(EntryDialog.class);
  static final String WINDOW_TITLE = "rolekeeper MFA";
  private static final int MAX_TRIES = 3;

  private final ProcessRunner runner;
  private final ProgramLocator programs;
  private final WebLinkSource links;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param timeout how long a dialog stays open before it is closed
   */
  public EntryDialog(
      ProcessRunner runner,
      ProgramLocator programs,
      WebLinkSource links,
      Duration timeout,
      Clock clock) {
    this.runner = runner;
    this.programs = programs;
    this.links = links;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The dialog command for {@code text}, or empty when neither zenity nor kdialog is installed. */
  Optional<List<String>> command(String text) {
    String wrapped = DialogText.wrap(text, DialogText.COLUMNS);
    Optional<List<String>> zenity =
        programs
            .find("zenity")
            .map(
                path ->
                    List.of(
                        path.toString(),
                        "--entry",
                        "--hide-text",
                        "--title=" + WINDOW_TITLE,
                        "--width=" + DialogText.WIDTH_PIXELS,
                        // zenity renders --text as Pango markup
                        "--text=" + Notification.escapeMarkup(wrapped)));
    if (zenity.isPresent()) {
      return zenity;
    }
    return programs
        .find("kdialog")
        .map(path -> List.of(path.toString(), "--title", WINDOW_TITLE, "--password", wrapped));
  }

  /** Asks for the code within {@code run} (whose cancel closes the dialog). */
  Future<Prompter.Outcome> ask(MfaPrompt prompt, PromptRun run) {
    return askAgain(prompt, run, prompt.text(clock) + "\n\nEnter the 6-digit code:", 1);
  }

  private Future<Prompter.Outcome> askAgain(
      MfaPrompt prompt, PromptRun run, String text, int attempt) {
    Optional<List<String>> command = command(text);
    if (command.isEmpty()) {
      return openWebPage(prompt, run);
    }
    return run.run(runner, command.get(), "", timeout)
        .compose(
            result -> {
              if (result.cancelled() || result.timedOut() || result.exitCode() != 0) {
                return Future.succeededFuture(
                    new Prompter.Outcome.Waiting("the entry dialog was closed without a code"));
              }
              String answer = result.stdout().strip();
              if (MfaCode.isWellFormed(answer)) {
                return Future.succeededFuture(new Prompter.Outcome.Code(new MfaCode(answer)));
              }
              if (attempt >= MAX_TRIES) {
                return Future.succeededFuture(
                    new Prompter.Outcome.Waiting("no 6-digit code after " + MAX_TRIES + " tries"));
              }
              return askAgain(
                  prompt,
                  run,
                  "That was not 6 digits. " + prompt.text(clock) + "\n\nEnter the 6-digit code:",
                  attempt + 1);
            });
  }

  private Future<Prompter.Outcome> openWebPage(MfaPrompt prompt, PromptRun run) {
    Optional<String> link = links.linkFor(prompt);
    Optional<java.nio.file.Path> opener = programs.find("xdg-open");
    if (link.isEmpty() || opener.isEmpty()) {
      return Future.succeededFuture(
          new Prompter.Outcome.Unavailable(
              "no zenity or kdialog for an entry dialog, and no web page link or xdg-open to fall back on"));
    }
    LOG.info(
        "no zenity or kdialog installed: opening the MFA web page for {} in the browser",
        prompt.device());
    // The link is a secret and a command line is not (/proc/PID/cmdline): the browser gets a
    // private file that leads on to it.
    return runner
        .browser()
        .write(link.get())
        .compose(
            file ->
                run.run(
                    runner,
                    List.of(opener.get().toString(), file.toUri().toString()),
                    "",
                    Duration.ofSeconds(30)))
        .map(
            result ->
                result.succeeded()
                    ? new Prompter.Outcome.Waiting("the MFA web page was opened in the browser")
                    : new Prompter.Outcome.Unavailable(
                        "xdg-open failed with exit code " + result.exitCode()));
  }
}

package dev.rolekeeper.mfa;

import dev.rolekeeper.process.ProcessResult;
import dev.rolekeeper.process.ProcessRunner;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The macOS desktop way, through {@code osascript}: a notification, then {@code display dialog …
 * default answer "" with hidden answer}. The script is passed on osascript's stdin (not argv) and
 * the code comes back on its stdout.
 *
 * <p>macOS notifications raised by osascript cannot carry actions, so the dialog follows the
 * notification directly. Cancel in the dialog leaves the passive ways (web page, CLI) open.
 */
public final class MacNotificationPrompter implements Prompter {

  private final ProcessRunner runner;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param timeout how long the dialog stays up ({@code giving up after})
   */
  public MacNotificationPrompter(ProcessRunner runner, Duration timeout, Clock clock) {
    this.runner = runner;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public Running start(MfaPrompt prompt) {
    PromptRun run = new PromptRun();
    Future<Outcome> outcome =
        run.run(runner, List.of("/usr/bin/osascript"), script(prompt), timeout.plusSeconds(5))
            .map(this::interpret);
    run.finishWith(outcome, "osascript");
    return run;
  }

  /** The AppleScript: notification, then a hidden-answer dialog whose text is returned. */
  String script(MfaPrompt prompt) {
    String body = quote(prompt.text(clock));
    String title = quote(MfaPrompt.TITLE);
    return "display notification "
        + body
        + " with title "
        + title
        + "\n"
        + "set reply to display dialog "
        + body
        + " & return & return & \"Enter the 6-digit code:\""
        + " default answer \"\" with hidden answer with title "
        + title
        + " buttons {\"Cancel\", \"OK\"} default button \"OK\" cancel button \"Cancel\""
        + " giving up after "
        + timeout.toSeconds()
        + "\n"
        + "return text returned of reply\n";
  }

  /** An AppleScript string literal: backslash and double quote escaped, line breaks made spaces. */
  static String quote(String text) {
    String escaped =
        text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", " ");
    return "\"" + escaped + "\"";
  }

  private Outcome interpret(ProcessResult result) {
    if (result.cancelled()) {
      return new Outcome.Waiting("the prompt ended");
    }
    if (result.timedOut() || result.exitCode() != 0) {
      // Exit 1 is also what Cancel gives (error -128); either way the passive ways stay open.
      return new Outcome.Waiting("the macOS dialog was closed without a code");
    }
    String answer = result.stdout().strip();
    return MfaCode.isWellFormed(answer)
        ? new Outcome.Code(new MfaCode(answer))
        : new Outcome.Waiting("the macOS dialog answer was not 6 digits");
  }
}

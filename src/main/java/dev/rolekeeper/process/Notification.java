package dev.rolekeeper.process;

import java.time.Duration;
import java.util.List;

/**
 * A critical desktop notification with one action, shown by {@value #PROGRAM} (libnotify), which
 * prints the action's name when it is chosen: the one command line the MFA and sign-in prompts
 * share. It carries names and times only, never a secret.
 *
 * @param title the summary line
 * @param body the text; markup characters are escaped, since servers may render it as markup
 * @param action the action's name, printed on stdout when chosen
 * @param label the action's button text
 * @param expire how long it stays up
 */
public record Notification(
    String title, String body, String action, String label, Duration expire) {

  /** The program that shows notifications. */
  public static final String PROGRAM = "notify-send";

  /** Whether the children of {@code runner} have a display to notify on (X11 or Wayland). */
  public static boolean hasDisplay(ProcessRunner runner) {
    return notBlank(runner.env("DISPLAY")) || notBlank(runner.env("WAYLAND_DISPLAY"));
  }

  /** The command line, with {@code notifySend} the program's path. */
  public List<String> command(String notifySend) {
    return List.of(
        notifySend,
        "--app-name=rolekeeper",
        "--urgency=critical",
        "--expire-time=" + expire.toMillis(),
        "--action=" + action + "=" + label,
        title,
        escapeMarkup(body));
  }

  /** {@code text} safe in Pango markup, which notification servers and zenity may render. */
  public static String escapeMarkup(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}

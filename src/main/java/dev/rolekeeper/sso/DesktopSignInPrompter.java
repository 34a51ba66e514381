package dev.rolekeeper.sso;

import dev.rolekeeper.os.Os;
import dev.rolekeeper.process.Notification;
import dev.rolekeeper.process.ProcessResult;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.process.ProgramLocator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for a sign-in the way MFA codes are asked for: a desktop notification ({@code notify-send}
 * with a "Sign in" action on Linux) whose action starts the device sign-in, and the approval link
 * opened with {@code xdg-open} ({@code open} on macOS). Without a display nothing is shown: the log
 * line, {@code status} and {@code rolekeeper login} remain.
 *
 * <p>The approval link goes on the opener's command line, unlike the MFA page's link (which goes
 * through a {@link dev.rolekeeper.process.BrowserHandoff} file): it is AWS's public device page
 * with the user code, not a capability of ours, since approving it needs the user's own AWS sign-in
 * and the token goes only to the daemon that holds the device code. A file would cost more than it
 * protects: a Snap-confined browser (Ubuntu's default) cannot read it, and the sign-in would fail.
 */
public final class DesktopSignInPrompter implements SignInPrompter {

  private static final Logger LOG = LoggerFactory.getLogger(DesktopSignInPrompter.class);
  static final String ACTION = "signin";
  static final String TITLE = "rolekeeper: sign-in needed";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

  /** How long a daemon's sign-in notification stays up. */
  private static final Duration NOTIFICATION_TIMEOUT = Duration.ofMinutes(10);

  private final ProcessRunner runner;
  private final ProgramLocator programs;
  private final Duration timeout;
  private final Clock clock;
  private final boolean mac;

  /**
   * @param timeout how long the notification stays up
   */
  public DesktopSignInPrompter(
      ProcessRunner runner, ProgramLocator programs, Duration timeout, Clock clock) {
    this.runner = runner;
    this.programs = programs;
    this.timeout = timeout;
    this.clock = clock;
    this.mac = Os.current() == Os.MACOS;
  }

  /**
   * A daemon's prompter: the programs on {@code runner}'s {@code PATH}, notifications up for 10
   * minutes, times in the system's zone.
   */
  public static DesktopSignInPrompter of(ProcessRunner runner) {
    return new DesktopSignInPrompter(
        runner, runner.programs(), NOTIFICATION_TIMEOUT, Clock.systemDefaultZone());
  }

  @Override
  public void announce(SignInNeed need, Runnable startSignIn) {
    if (mac) {
      runner.run(
          List.of(
              "osascript",
              "-e",
              "display notification \""
                  + body(need).replace("\"", "'")
                  + "\" with title \""
                  + TITLE
                  + "\""),
          "",
          OPEN_TIMEOUT);
      return;
    }
    Optional<String> notifySend = programs.find(Notification.PROGRAM).map(Object::toString);
    if (!Notification.hasDisplay(runner) || notifySend.isEmpty()) {
      return;
    }
    runner
        .run(command(notifySend.get(), need), "", timeout.plusSeconds(5))
        .result()
        .onSuccess(
            result -> {
              if (chose(result)) {
                startSignIn.run();
              }
            });
  }

  List<String> command(String notifySend, SignInNeed need) {
    return new Notification(TITLE, body(need), ACTION, "Sign in", timeout).command(notifySend);
  }

  /** "Sign in to AWS: profiles dev, prod need it by 14:05 (SSO session corp)." */
  String body(SignInNeed need) {
    String when = TIME.format(need.neededBy().atZone(zone()));
    return "Sign in to AWS: " + need.whoNeeds() + " it by " + when + " (" + need.label() + ").";
  }

  private ZoneId zone() {
    return clock.getZone();
  }

  private static boolean chose(ProcessResult result) {
    return result.exitCode() == 0 && ACTION.equals(result.stdout().strip());
  }

  @Override
  public void openBrowser(String url) {
    String opener = mac ? "open" : "xdg-open";
    Optional<String> found = programs.find(opener).map(Object::toString);
    if (found.isEmpty()) {
      LOG.info("No {} to open the browser: open {} yourself", opener, url);
      return;
    }
    // The program found, as the notification runs it: not the name again on the JVM's own PATH.
    runner
        .run(List.of(found.get(), url), "", OPEN_TIMEOUT)
        .result()
        .onSuccess(
            result -> {
              if (result.exitCode() != 0) {
                LOG.info(
                    "{} could not open the browser (exit {}): open {} yourself",
                    opener,
                    result.exitCode(),
                    url);
              }
            });
  }
}

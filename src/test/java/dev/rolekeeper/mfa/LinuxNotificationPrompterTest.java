package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.process.ProgramLocator;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux desktop way with stand-in programs (shell scripts named notify-send, zenity, xdg-open
 * on a private PATH) launched for real; the real desktop stack is exercised by {@link
 * DesktopPromptTest}.
 */
@ExtendWith(VertxExtension.class)
class LinuxNotificationPrompterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T10:00:00Z"), ZoneOffset.UTC);
  private static final MfaPrompt PROMPT =
      new MfaPrompt(
          "arn:aws:iam::1:mfa/me",
          List.of("prod", "<admin>"),
          Instant.parse("2030-01-01T10:30:00Z"),
          "a new 12-hour MFA session is due");
  private static final WebLinkSource LINK = prompt -> Optional.of("http://127.0.0.1:4321/mfa/abc");

  @TempDir Path bin;

  private ProcessRunner runner;

  @AfterEach
  void removeHandoffDirectory() throws IOException {
    if (runner != null && runner.browser().directory() != null) {
      runner.browser().clear();
      Files.deleteIfExists(runner.browser().directory());
    }
  }

  private LinuxNotificationPrompter prompter(Vertx vertx, String display, WebLinkSource links) {
    runner = new ProcessRunner(vertx, Map.of("DISPLAY", display, "WAYLAND_DISPLAY", ""));
    ProgramLocator programs = new ProgramLocator(bin.toString());
    EntryDialog dialog = new EntryDialog(runner, programs, links, Duration.ofSeconds(20), CLOCK);
    return new LinuxNotificationPrompter(
        runner, programs, dialog, links, Duration.ofMinutes(5), CLOCK);
  }

  private void program(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void command_prompt_notifySendWithActionUrgencyExpiryAndEscapedBody(Vertx vertx) {
    List<String> command = prompter(vertx, ":1", LINK).command("/usr/bin/notify-send", PROMPT);
    assertThat(command)
        .containsExactly(
            "/usr/bin/notify-send",
            "--app-name=rolekeeper",
            "--urgency=critical",
            "--expire-time=300000",
            "--action=enter=Enter code",
            "rolekeeper: MFA code needed",
            "Profiles prod, &lt;admin&gt; need a code from arn:aws:iam::1:mfa/me. The session ends at 10:30 "
                + "(in 30 min). Why: a new 12-hour MFA session is due.");
  }

  @Test
  void start_noDisplay_unavailableAndLogLinePointsAtCliAndWebPage(
      Vertx vertx, VertxTestContext ctx) {
    LinuxNotificationPrompter prompter = prompter(vertx, "", LINK);
    ctx.verify(
        () ->
            assertThat(prompter.headlessMessage(PROMPT))
                .isEqualTo(
                    "MFA code needed for arn:aws:iam::1:mfa/me (profiles prod, <admin>): run `rolekeeper mfa` and type it"
                        + " or open http://127.0.0.1:4321/mfa/abc"));
    prompter
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Unavailable.class);
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_actionChosen_opensDialogAndReturnsItsAnswer(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    Path args = bin.resolve("zenity.args");
    program("notify-send", "echo enter");
    program("zenity", "printf '%s\\n' \"$@\" > " + args + "; echo 246810");
    prompter(vertx, ":1", LINK)
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome)
                              .isEqualTo(new Prompter.Outcome.Code(new MfaCode("246810")));
                          assertThat(Files.readAllLines(args))
                              .contains("--entry", "--hide-text", "--title=rolekeeper MFA")
                              .noneMatch(arg -> arg.contains("246810"));
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_noNotificationServer_opensDialogDirectly(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    program("notify-send", "echo 'GDBus.Error: ServiceUnknown' >&2; exit 1");
    program("zenity", "echo 135791");
    prompter(vertx, ":1", LINK)
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome)
                              .isEqualTo(new Prompter.Outcome.Code(new MfaCode("135791")));
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_notificationDismissed_waitsOnPassiveWays(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    program("notify-send", "exit 0");
    program("zenity", "echo 135791");
    prompter(vertx, ":1", LINK)
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Waiting.class);
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_dialogAnswerMalformed_asksAgain(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path seen = bin.resolve("seen");
    program("notify-send", "echo enter");
    program(
        "zenity", "if [ -e " + seen + " ]; then echo 975310; else : > " + seen + "; echo 12ab; fi");
    prompter(vertx, ":1", LINK)
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome)
                              .isEqualTo(new Prompter.Outcome.Code(new MfaCode("975310")));
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_dialogCancelled_waitsOnPassiveWays(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    program("notify-send", "echo enter");
    program("zenity", "exit 1");
    prompter(vertx, ":1", LINK)
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome)
                              .isEqualTo(
                                  new Prompter.Outcome.Waiting(
                                      "the entry dialog was closed without a code"));
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_noDialogProgram_opensWebPageInBrowser_throughAPrivateFileNotTheCommandLine(Vertx vertx)
      throws IOException {
    Path argv = bin.resolve("argv");
    Path environment = bin.resolve("environment");
    Path page = bin.resolve("page");
    Path notifyArgv = bin.resolve("notify-argv");
    program("notify-send", "printf '%s\\n' \"$@\" > " + notifyArgv + "; echo enter");
    // Records what a local user could read of it, and the page it was handed, while it runs.
    program(
        "xdg-open",
        "printf '%s\\n' \"$0\" \"$@\" > "
            + argv
            + "; env > "
            + environment
            + "; f=\"${1#file://}\"; stat -c '%a %U' \"$f\" \"${f%/*}\" > "
            + page
            + "; cat \"$f\" >> "
            + page);
    String link = LINK.linkFor(PROMPT).orElseThrow();

    Prompter.Outcome outcome = prompter(vertx, ":1", LINK).start(PROMPT).outcome().await();

    assertThat(outcome).isInstanceOf(Prompter.Outcome.Waiting.class);
    List<String> args = Files.readAllLines(argv);
    assertThat(String.join(" ", args)).doesNotContain("/mfa/");
    assertThat(Files.readString(notifyArgv)).contains("Enter code").doesNotContain("/mfa/");
    assertThat(args).hasSize(2);
    assertThat(args.get(1)).startsWith("file:///").endsWith(".html");
    assertThat(Files.readString(environment)).doesNotContain("/mfa/");
    List<String> seen = Files.readAllLines(page);
    assertThat(seen.get(0))
        .as("the file's mode and owner")
        .isEqualTo("600 " + System.getProperty("user.name"));
    assertThat(seen.get(1))
        .as("its directory's mode and owner")
        .isEqualTo("700 " + System.getProperty("user.name"));
    assertThat(String.join("\n", seen))
        .contains("http-equiv=\"refresh\" content=\"0;url=" + link + "\"");
    Path file = Path.of(URI.create(args.get(1)));
    assertThat(file).exists();

    runner.browser().opened(link).await();

    assertThat(file).doesNotExist();
  }

  @Test
  void start_noDialogAndNoLink_unavailable(Vertx vertx, VertxTestContext ctx) throws IOException {
    program("notify-send", "echo enter");
    prompter(vertx, ":1", WebLinkSource.none())
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Unavailable.class);
                          ctx.completeNow();
                        })));
  }

  @Test
  void cancel_whileDialogOpen_killsIt(Vertx vertx, VertxTestContext ctx) throws IOException {
    program("notify-send", "echo enter");
    program("zenity", "exec sleep 60");
    Prompter.Running running = prompter(vertx, ":1", LINK).start(PROMPT);
    vertx.setTimer(300, id -> running.cancel());
    long started = System.nanoTime();
    running
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Waiting.class);
                          assertThat(Duration.ofNanos(System.nanoTime() - started))
                              .isLessThan(Duration.ofSeconds(10));
                          ctx.completeNow();
                        })));
  }
}

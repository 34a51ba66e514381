package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.process.ProgramLocator;
import dev.rolekeeper.sandbox.CallerIdentity;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.SimulatorConfig.SimUser;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.sandbox.Totp;
import dev.rolekeeper.session.CodeSource;
import dev.rolekeeper.session.KeySource;
import dev.rolekeeper.session.Plan;
import dev.rolekeeper.session.RefreshPolicy;
import dev.rolekeeper.session.RoleHop;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.SdkStsGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Linux desktop path: Xvfb, a D-Bus session bus, dunst as the notification server,
 * notify-send, zenity and xdotool from Debian packages; the second test goes on to a session
 * manager wired to the real prompts, which obtains its MFA session from the STS simulator with the
 * code typed into the dialog. Skipped (saying which program is missing) only when they are not
 * installed; it brings its own display, so it needs none from the environment.
 */
@ExtendWith(VertxExtension.class)
class DesktopPromptTest {

  private static final List<String> PROGRAMS =
      List.of(
          "Xvfb",
          "dbus-launch",
          "dbus-send",
          "dunst",
          "dunstctl",
          "notify-send",
          "zenity",
          "xdotool");
  private static final String DEVICE = "arn:aws:iam::111111111111:mfa/alice";
  private static final Duration STEP = Duration.ofSeconds(20);

  @TempDir Path dir;

  /**
   * Skips the calling test, naming the missing program and the packages, unless every desktop tool
   * is installed.
   */
  private static ProgramLocator requireDesktopTools() {
    ProgramLocator path = new ProgramLocator(System.getenv("PATH"));
    for (String program : PROGRAMS) {
      Assumptions.assumeTrue(
          path.find(program).isPresent(),
          "desktop test skipped: "
              + program
              + " not installed (apt-get install -y xvfb dbus-x11 dunst "
              + "libnotify-bin zenity xdotool)");
    }
    return path;
  }

  /** Clicks the notification's action and types {@code code} into the entry dialog it opens. */
  private static void answerDialog(Desktop desktop, String code) throws Exception {
    desktop.run("dunstctl", "action", "0");
    String window =
        desktop
            .run("xdotool", "search", "--sync", "--name", EntryDialog.WINDOW_TITLE)
            .lines()
            .findFirst()
            .orElseThrow();
    Matcher size =
        Pattern.compile("Geometry: (\\d+)x(\\d+)")
            .matcher(desktop.run("xdotool", "getwindowgeometry", window));
    assertThat(size.find()).isTrue();
    assertThat(Integer.parseInt(size.group(1)))
        .as("dialog width: the text wraps instead of stretching it")
        .isBetween(DialogText.WIDTH_PIXELS, 640);
    // No window manager: GTK ignores `type --window`, so focus first, then type into the focused
    // window.
    desktop.run("xdotool", "windowfocus", "--sync", window);
    desktop.run("xdotool", "type", "--delay", "20", code);
    desktop.run("xdotool", "key", "Return");
  }

  @Test
  void notification_actionThenTypedCode_completesThePrompt(Vertx vertx) throws Exception {
    ProgramLocator path = requireDesktopTools();
    try (Desktop desktop = Desktop.start(dir)) {
      ProcessRunner runner = new ProcessRunner(vertx, desktop.env());
      Clock clock = Clock.systemDefaultZone();
      EntryDialog dialog =
          new EntryDialog(runner, path, WebLinkSource.none(), STEP.multipliedBy(3), clock);
      LinuxNotificationPrompter notification =
          new LinuxNotificationPrompter(
              runner, path, dialog, WebLinkSource.none(), Duration.ofMinutes(2), clock);
      PendingPrompts prompts =
          new PendingPrompts(
              vertx,
              Duration.ofMinutes(2),
              List.of(PromptWay.NOTIFICATION, PromptWay.WEB, PromptWay.CLI),
              Map.of(PromptWay.NOTIFICATION, notification));

      Future<MfaCode> code =
          prompts.request(
              new MfaPrompt(
                  DEVICE,
                  List.of("prod", "admin"),
                  Instant.now().plus(Duration.ofMinutes(9)),
                  "a new 12-hour MFA session is due"));

      TestWait.until(() -> desktop.shown().isPresent(), STEP);
      assertThat(desktop.shown().orElseThrow())
          .startsWith(
              "rolekeeper|rolekeeper: MFA code needed|Profiles prod, admin need a code from "
                  + DEVICE)
          .contains("a new 12-hour MFA session is due");
      assertThat(desktop.run("dunstctl", "count", "displayed").strip()).isEqualTo("1");

      answerDialog(desktop, "472910");

      MfaCode got =
          code.toCompletionStage().toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
      assertThat(got.digits()).isEqualTo("472910");
      assertThat(prompts.pending()).isEmpty();
    }
  }

  @Test
  void sessionNeedingMfa_codeTypedIntoTheDialog_sessionObtainedFromTheSimulator(Vertx vertx)
      throws Exception {
    requireDesktopTools();
    DemoAccount account = DemoAccount.create();
    StsSimulator simulator = new StsSimulator(account.config());
    await(simulator.start(vertx, 0));
    try (Desktop desktop = Desktop.start(dir)) {
      MfaPrompting mfa =
          MfaPrompting.create(
              vertx,
              new MfaSettings(
                  List.of(PromptWay.NOTIFICATION, PromptWay.CLI),
                  Duration.ofMinutes(2),
                  Optional.empty(),
                  Duration.ofSeconds(10)),
              desktop.env());
      SimUser bob = account.config().users().get(1);
      Plan plan =
          new Plan.MfaSession(
              new RoleHop(
                  DemoAccount.MFA_PROFILE,
                  "arn:aws:iam::" + DemoAccount.ACCOUNT + ":role/admin",
                  "desktop",
                  3600,
                  null,
                  RoleHop.Route.regional("us-east-1")),
              new KeySource.Static(
                  AwsCredentials.longTerm(bob.accessKeyId(), bob.secretAccessKey()), "bob"),
              DemoAccount.MFA_DEVICE);
      // The same adapter the daemon uses: the session package asks, the MFA prompts answer.
      CodeSource codes =
          (device, profiles, ends, reason) ->
              mfa.prompts()
                  .request(new MfaPrompt(device, profiles, ends, reason))
                  .map(MfaCode::digits);
      SessionManager sessions =
          new SessionManager(
              Map.of(DemoAccount.MFA_PROFILE, plan),
              Set.of(DemoAccount.MFA_PROFILE),
              new SdkStsGateway(simulator.endpoint(), Duration.ofSeconds(5), AwsNetwork.direct()),
              codes,
              RefreshPolicy.defaults(),
              Clock.systemUTC());
      await(vertx.deployVerticle(sessions));

      TestWait.until(() -> desktop.shown().isPresent(), STEP);
      assertThat(desktop.shown().orElseThrow())
          .contains(
              "Profile " + DemoAccount.MFA_PROFILE + " needs a code from " + DemoAccount.MFA_DEVICE,
              "No session is held yet");
      assertThat(sessions.lookup(DemoAccount.MFA_PROFILE)).isInstanceOf(Lookup.Unavailable.class);

      answerDialog(desktop, Totp.generate(account.mfaSecret(), Instant.now()));

      TestWait.until(
          () -> sessions.lookup(DemoAccount.MFA_PROFILE) instanceof Lookup.Available, STEP);
      AwsCredentials got =
          ((Lookup.Available) sessions.lookup(DemoAccount.MFA_PROFILE)).credentials();
      assertThat(CallerIdentity.arn(simulator, got))
          .isEqualTo("arn:aws:sts::" + DemoAccount.ACCOUNT + ":assumed-role/admin/desktop");
      assertThat(simulator.calls("GetSessionToken")).isEqualTo(1);
      await(vertx.undeploy(sessions.deploymentID()));
    } finally {
      await(simulator.stop());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
  }

  /** Xvfb + D-Bus session bus + dunst, torn down in reverse order. */
  static final class Desktop implements AutoCloseable {
    private static final Pattern BUS = Pattern.compile("DBUS_SESSION_BUS_ADDRESS='([^']+)'");
    private static final Pattern BUS_PID = Pattern.compile("DBUS_SESSION_BUS_PID=(\\d+)");

    private final Path dir;
    private final List<ProcessHandle> started = new ArrayList<>();
    private String display;
    private String bus;

    private Desktop(Path dir) {
      this.dir = dir;
    }

    static Desktop start(Path dir) throws Exception {
      Desktop desktop = new Desktop(dir);
      try {
        desktop.startXvfb();
        desktop.startBus();
        desktop.startDunst();
        return desktop;
      } catch (Exception | AssertionError e) {
        desktop.close();
        throw e;
      }
    }

    Map<String, String> env() {
      return Map.of("DISPLAY", display, "DBUS_SESSION_BUS_ADDRESS", bus, "WAYLAND_DISPLAY", "");
    }

    /**
     * This desktop with {@code script} (made executable, owner only) as the browser xdg-open hands
     * links to.
     */
    Map<String, String> envWithBrowser(Path script) throws IOException {
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
      Path empty = Files.createDirectories(dir.resolve("no-desktop-files"));
      Map<String, String> env = new HashMap<>(env());
      env.put("BROWSER", script.toString());
      // No handler registered for http(s): xdg-open falls back to $BROWSER instead of starting a
      // real browser.
      for (String name :
          List.of("XDG_DATA_HOME", "XDG_DATA_DIRS", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS")) {
        env.put(name, empty.toString());
      }
      return env;
    }

    /** The notification dunst displayed, as "appname|summary|body", recorded by its rule script. */
    Optional<String> shown() throws IOException {
      Path record = dir.resolve("shown");
      return Files.exists(record)
          ? Files.readAllLines(record).stream().findFirst()
          : Optional.empty();
    }

    private void startXvfb() throws Exception {
      // -displayfd 1: Xvfb picks a free display and prints its number once it is ready for clients.
      Process xvfb =
          new ProcessBuilder(
                  "Xvfb", "-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp")
              .redirectError(dir.resolve("xvfb.err").toFile())
              .start();
      started.add(xvfb.toHandle());
      BufferedReader out =
          new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8));
      String number =
          CompletableFuture.supplyAsync(() -> readLine(out))
              .get(STEP.toSeconds(), TimeUnit.SECONDS);
      assertThat(number).as("display number from Xvfb").matches("\\d+");
      display = ":" + number;
    }

    private void startBus() throws Exception {
      String launched = run("dbus-launch", "--sh-syntax");
      Matcher address = BUS.matcher(launched);
      Matcher pid = BUS_PID.matcher(launched);
      assertThat(address.find() && pid.find()).as("dbus-launch output").isTrue();
      bus = address.group(1);
      ProcessHandle.of(Long.parseLong(pid.group(1))).ifPresent(started::add);
    }

    private void startDunst() throws Exception {
      Path script = dir.resolve("record.sh");
      Files.writeString(
          script,
          "#!/bin/sh\nprintf '%s|%s|%s\\n' \"$DUNST_APP_NAME\" \"$DUNST_SUMMARY\" \"$DUNST_BODY\""
              + " >> '"
              + dir.resolve("shown")
              + "'\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
      Path config = dir.resolve("dunstrc");
      Files.writeString(
          config,
          "[global]\n    font = Monospace 8\n[record]\n    appname = rolekeeper\n"
              + "    script = "
              + script
              + "\n");
      ProcessBuilder builder =
          new ProcessBuilder("dunst", "-config", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("dunst.log").toFile());
      builder.environment().putAll(env());
      Process dunst = builder.start();
      started.add(dunst.toHandle());
      // Ask who owns the name without activating it: a D-Bus-activated dunst would lack our rule.
      TestWait.until(() -> ownerPid().equals(Optional.of(dunst.pid())), STEP);
    }

    private Optional<Long> ownerPid() {
      try {
        String reply =
            run(
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.GetConnectionUnixProcessID",
                "string:org.freedesktop.Notifications");
        Matcher m = Pattern.compile("uint32 (\\d+)").matcher(reply);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
      } catch (Exception | AssertionError notYet) {
        return Optional.empty();
      }
    }

    /**
     * Runs a desktop tool in this desktop's environment; fails unless it exits 0 within the step
     * limit.
     */
    String run(String... command) throws Exception {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
      if (display != null) {
        builder.environment().put("DISPLAY", display);
      }
      if (bus != null) {
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", bus);
      }
      Process process = builder.start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process));
      boolean exited = process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
      }
      assertThat(exited).as(String.join(" ", command) + " finished").isTrue();
      assertThat(process.exitValue()).as(String.join(" ", command) + " exit code").isZero();
      return out.get(5, TimeUnit.SECONDS);
    }

    private static String readAll(Process process) {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    private static String readLine(BufferedReader reader) {
      try {
        String line = reader.readLine();
        return line == null ? "" : line.strip();
      } catch (IOException e) {
        return "";
      }
    }

    @Override
    public void close() {
      for (int i = started.size() - 1; i >= 0; i--) {
        ProcessHandle handle = started.get(i);
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
      }
    }
  }
}

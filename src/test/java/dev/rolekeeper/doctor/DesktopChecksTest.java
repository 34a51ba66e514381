package dev.rolekeeper.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The D-Bus, notification-server and dialog checks: no desktop, a display without a bus, no dialog
 * program, and a real session bus (dbus-launch) first without and then with a notification server
 * (dunst on Xvfb).
 */
class DesktopChecksTest {

  @TempDir Path temp;
  private final List<Process> started = new ArrayList<>();
  private long busPid;

  @AfterEach
  void stopDesktop() throws Exception {
    if (busPid > 0) {
      ProcessHandle.of(busPid).ifPresent(ProcessHandle::destroy);
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).destroy();
      started.get(i).waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void noDesktop_notesOnly() throws Exception {
    Path home = Contexts.home(temp);
    DoctorContext context = Contexts.of(home, Contexts.env(home));

    assertThat(new DbusSessionCheck().run(context)).isInstanceOf(CheckResult.Note.class);
    assertThat(new NotificationServerCheck().run(context)).isInstanceOf(CheckResult.Note.class);
    assertThat(new DialogProgramCheck().run(context)).isInstanceOf(CheckResult.Note.class);
  }

  @Test
  void displayWithoutBus_needsSessionBus() throws Exception {
    Path home = Contexts.home(temp);
    Path runtime = Files.createDirectories(temp.resolve("runtime"));

    CheckResult result =
        new DbusSessionCheck()
            .run(
                Contexts.of(
                    home,
                    Contexts.env(home, "DISPLAY", ":77", "XDG_RUNTIME_DIR", runtime.toString())));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(((CheckResult.NeedsFix) result).fix()).contains("dbus-user-session");
  }

  @Test
  void displayWithoutDialogProgram_needsZenity_thenPassesWithIt() throws Exception {
    Path home = Contexts.home(temp);
    Path bin = Files.createDirectories(temp.resolve("bin"));

    CheckResult none =
        new DialogProgramCheck()
            .run(Contexts.of(home, Contexts.env(home, "DISPLAY", ":77", "PATH", bin.toString())));

    assertThat(none).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(((CheckResult.NeedsFix) none).fix()).isEqualTo("apt install zenity");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/zenity")), "zenity not installed");
    Files.createSymbolicLink(bin.resolve("zenity"), Path.of("/usr/bin/zenity"));
    assertThat(
            new DialogProgramCheck()
                .run(
                    Contexts.of(
                        home, Contexts.env(home, "DISPLAY", ":77", "PATH", bin.toString()))))
        .isInstanceOf(CheckResult.Passed.class);
  }

  @Test
  void realBus_withoutThenWithNotificationServer() throws Exception {
    for (String program : List.of("Xvfb", "dbus-launch", "dbus-send", "dunst", "notify-send")) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin", program)), program + " not installed");
    }
    Path home = Contexts.home(temp);
    String display = startXvfb();
    String bus = startBus(display);
    DoctorContext context =
        Contexts.of(home, Contexts.env(home, "DISPLAY", display, "DBUS_SESSION_BUS_ADDRESS", bus));
    assertThat(new DbusSessionCheck().run(context)).isInstanceOf(CheckResult.Passed.class);

    CheckResult without = new NotificationServerCheck().run(context);
    assertThat(without).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(without.summary()).startsWith("no notification server");

    ProcessBuilder dunst =
        new ProcessBuilder("dunst")
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("dunst.log").toFile());
    dunst.environment().putAll(Map.of("DISPLAY", display, "DBUS_SESSION_BUS_ADDRESS", bus));
    started.add(dunst.start());
    CheckResult with = without;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!(with instanceof CheckResult.Passed) && System.nanoTime() < deadline) {
      with = new NotificationServerCheck().run(context);
    }
    assertThat(with).as("after dunst started").isInstanceOf(CheckResult.Passed.class);
  }

  private String startXvfb() throws Exception {
    // -displayfd 1: Xvfb picks a free display and prints its number once it is ready for clients.
    Process xvfb =
        new ProcessBuilder(
                "Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
            .redirectError(temp.resolve("xvfb.log").toFile())
            .start();
    started.add(xvfb);
    String number =
        new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    assertThat(number).as("display number from Xvfb").matches("\\d+");
    return ":" + number;
  }

  private String startBus(String display) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("dbus-launch", "--sh-syntax").redirectErrorStream(true);
    builder.environment().put("DISPLAY", display);
    Process launch = builder.start();
    String out = new String(launch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(launch.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Matcher address = Pattern.compile("DBUS_SESSION_BUS_ADDRESS='([^']+)'").matcher(out);
    Matcher pid = Pattern.compile("DBUS_SESSION_BUS_PID=(\\d+)").matcher(out);
    assertThat(address.find() && pid.find()).as(out).isTrue();
    busPid = Long.parseLong(pid.group(1));
    return address.group(1);
  }
}

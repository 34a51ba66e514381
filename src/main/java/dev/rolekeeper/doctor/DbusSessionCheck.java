package dev.rolekeeper.doctor;

import dev.rolekeeper.os.Os;
import java.nio.file.Files;
import java.nio.file.Path;

/** MFA notifications on Linux go over the D-Bus session bus. */
final class DbusSessionCheck implements Check {

  @Override
  public String name() {
    return "D-Bus session";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    if (context.paths().os() == Os.MACOS) {
      return new CheckResult.Passed("not needed on macOS (notifications through osascript)");
    }
    if (context.variable("DBUS_SESSION_BUS_ADDRESS") != null) {
      return new CheckResult.Passed("DBUS_SESSION_BUS_ADDRESS is set");
    }
    String runtime = context.variable("XDG_RUNTIME_DIR");
    if (runtime != null && Files.exists(Path.of(runtime, "bus"))) {
      return new CheckResult.Passed("session bus at " + Path.of(runtime, "bus"));
    }
    if (!Programs.desktop(context)) {
      return new CheckResult.Note(
          "no desktop session here: MFA codes are asked for on the web page and by "
              + "`rolekeeper mfa`");
    }
    return new CheckResult.NeedsFix(
        "a display but no D-Bus session bus: MFA notifications cannot be shown",
        "apt install dbus-user-session and log in again (or start the desktop with dbus-run-session)");
  }
}

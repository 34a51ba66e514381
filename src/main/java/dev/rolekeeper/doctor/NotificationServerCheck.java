package dev.rolekeeper.doctor;

import dev.rolekeeper.os.Os;
import dev.rolekeeper.process.Notification;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A notification server owns {@code org.freedesktop.Notifications}, and notify-send is there to
 * reach it.
 */
final class NotificationServerCheck implements Check {

  private static final String NAME = "org.freedesktop.Notifications";

  @Override
  public String name() {
    return "notifications";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    if (context.paths().os() == Os.MACOS) {
      return new CheckResult.Passed("macOS notifications through osascript");
    }
    if (!Programs.desktop(context)) {
      return new CheckResult.Note("no desktop session, so no notifications");
    }
    if (Programs.find(context, Notification.PROGRAM).isEmpty()) {
      return new CheckResult.NeedsFix(
          "notify-send is not installed: no MFA notifications", "apt install libnotify-bin");
    }
    Optional<Boolean> owned = nameHasOwner(context);
    if (owned.isEmpty()) {
      return new CheckResult.Note(
          "could not ask the session bus (needs dbus-send or gdbus) whether a notification "
              + "server runs");
    }
    if (owned.get()) {
      return new CheckResult.Passed("a notification server answers on the session bus");
    }
    return new CheckResult.NeedsFix(
        "no notification server on the session bus: MFA prompts open the dialog "
            + "directly, without notice",
        "start your desktop's notification daemon (or apt install dunst)");
  }

  private static Optional<Boolean> nameHasOwner(DoctorContext context) {
    Optional<Path> dbusSend = Programs.find(context, "dbus-send");
    if (dbusSend.isPresent()) {
      return Programs.output(
              context,
              dbusSend.get(),
              "--session",
              "--print-reply",
              "--dest=org.freedesktop.DBus",
              "/org/freedesktop/DBus",
              "org.freedesktop.DBus.NameHasOwner",
              "string:" + NAME)
          .map(out -> out.contains("boolean true"));
    }
    return Programs.find(context, "gdbus")
        .flatMap(
            gdbus ->
                Programs.output(
                    context,
                    gdbus,
                    "call",
                    "--session",
                    "--dest",
                    "org.freedesktop.DBus",
                    "--object-path",
                    "/org/freedesktop/DBus",
                    "--method",
                    "org.freedesktop.DBus.NameHasOwner",
                    NAME))
        .map(out -> out.contains("true"));
  }
}

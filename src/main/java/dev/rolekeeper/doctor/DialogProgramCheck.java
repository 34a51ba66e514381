package dev.rolekeeper.doctor;

import dev.rolekeeper.os.Os;

/**
 * A program that asks for the MFA code in a desktop dialog: zenity or kdialog (macOS: osascript).
 */
final class DialogProgramCheck implements Check {

  @Override
  public String name() {
    return "MFA dialog";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    if (context.paths().os() == Os.MACOS) {
      return new CheckResult.Passed("osascript asks for codes");
    }
    if (!Programs.desktop(context)) {
      return new CheckResult.Note("no desktop session, so no dialog");
    }
    for (String program : new String[] {"zenity", "kdialog"}) {
      if (Programs.find(context, program).isPresent()) {
        return new CheckResult.Passed(program + " asks for codes");
      }
    }
    return new CheckResult.NeedsFix(
        "neither zenity nor kdialog is installed: codes can only be typed on the web " + "page",
        "apt install zenity");
  }
}

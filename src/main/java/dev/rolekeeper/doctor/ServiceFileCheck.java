package dev.rolekeeper.doctor;

import dev.rolekeeper.os.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service is installed, enabled (systemd: linked into {@code default.target.wants}) and runs
 * files that exist (java, the jar, any file a flag names), so it starts at the next log-in.
 */
final class ServiceFileCheck implements Check {

  private static final Pattern WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");
  private static final String CRASH_REPORT_FLAG = "-XX:ErrorFile=";
  private static final Pattern PLIST_STRING = Pattern.compile("<string>([^<]*)</string>");

  @Override
  public String name() {
    return "service";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    Optional<Path> file = context.serviceFiles().stream().filter(Files::isRegularFile).findFirst();
    if (file.isEmpty() && isDemo(context)) {
      // A demo runs in its terminal by design: nothing is broken, and saying "to fix" would make a
      // new user think the demo is.
      return new CheckResult.Note(
          "not installed, as expected beside the demo (it serves only while its terminal runs); for"
              + " your own profiles: rolekeeper install-service");
    }
    if (file.isEmpty()) {
      return new CheckResult.NeedsFix(
          "not installed: rolekeeper runs only while a terminal runs it",
          "rolekeeper install-service, then the command it prints");
    }
    List<Path> missing;
    try {
      missing = missingFiles(context, file.get());
    } catch (IOException e) {
      return new CheckResult.NeedsFix(
          "cannot read " + file.get() + ": " + e.getMessage(), "rolekeeper install-service");
    }
    if (!missing.isEmpty()) {
      return new CheckResult.NeedsFix(
          file.get() + " runs " + missing.get(0) + ", which does not exist",
          "rolekeeper install-service (copies the program again and points the service at it)");
    }
    // enabling links the unit into the user's own wants directory, wherever the unit file is
    Path wants = context.paths().systemdUserUnits().resolve("default.target.wants");
    if (context.paths().os() == Os.LINUX
        && !Files.exists(wants.resolve(file.get().getFileName()))) {
      return new CheckResult.NeedsFix(
          file.get() + " is installed but not enabled: it will not start at log-in",
          "systemctl --user enable --now " + file.get().getFileName());
    }
    return new CheckResult.Passed(
        "installed" + (context.paths().os() == Os.LINUX ? " and enabled" : "") + ": " + file.get());
  }

  /**
   * Whether the state directory checked is a demo's: {@code rolekeeper demo} keeps its AWS files
   * there.
   */
  static boolean isDemo(DoctorContext context) {
    return context.stateDir() != null
        && Files.isDirectory(context.stateDir().resolve(Doctor.DEMO_FILES));
  }

  /**
   * Absolute paths the service file's command names (words, and values after {@code =}) that do not
   * exist.
   */
  static List<Path> missingFiles(DoctorContext context, Path file) throws IOException {
    String text = Files.readString(file);
    List<String> words = new ArrayList<>();
    if (file.getFileName().toString().endsWith(".plist")) {
      Matcher m =
          PLIST_STRING.matcher(text.substring(Math.max(0, text.indexOf("ProgramArguments"))));
      while (m.find() && !m.group(1).equals("run")) {
        words.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
      }
    } else {
      String exec =
          text.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElse("ExecStart=");
      Matcher m = WORD.matcher(exec.substring("ExecStart=".length()));
      while (m.find()) {
        String word =
            m.group(1) != null
                ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
                : m.group(2);
        words.add(
            word.replace("%h", context.paths().home().toString())
                .replace("%%", "%")
                .replace("$$", "$"));
      }
    }
    List<Path> missing = new ArrayList<>();
    for (String word : words) {
      String value =
          word.startsWith("/")
              ? word
              : word.contains("=/") ? word.substring(word.indexOf("=/") + 1) : null;
      if (value != null && word.startsWith(CRASH_REPORT_FLAG)) {
        // A file the JVM makes when it crashes: only its directory must be there.
        value = Path.of(value).getParent().toString();
      }
      if (value != null && !Files.exists(Path.of(value))) {
        missing.add(Path.of(value));
      }
    }
    return missing;
  }
}

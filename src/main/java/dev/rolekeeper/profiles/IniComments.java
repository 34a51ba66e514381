package dev.rolekeeper.profiles;

/**
 * Comments in AWS files, as SDK v2 reads them: whole-line comments start with {@code #} or {@code
 * ;} (after any indentation); inline ones start at the first of the given markers.
 */
final class IniComments {

  private IniComments() {}

  static boolean isComment(String line) {
    String stripped = line.stripLeading();
    return stripped.startsWith("#") || stripped.startsWith(";");
  }

  /** {@code line} up to the earliest of {@code markers}, or all of it. */
  static String withoutComment(String line, String... markers) {
    int end = line.length();
    for (String marker : markers) {
      int at = line.indexOf(marker);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return line.substring(0, end);
  }
}

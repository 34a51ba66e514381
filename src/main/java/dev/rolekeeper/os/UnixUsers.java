package dev.rolekeeper.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Unix user names and uids, from {@code /etc/passwd} (users of a directory service such as LDAP are
 * not listed there: name them by number), and this process's own uid (Linux, from {@code /proc}).
 */
public final class UnixUsers {

  private static final Path PASSWD = Path.of("/etc/passwd");

  private UnixUsers() {}

  /** The uid of a user name or of a number written as one; empty when no such user is listed. */
  public static OptionalInt uidOf(String nameOrUid) {
    if (!nameOrUid.isEmpty() && nameOrUid.chars().allMatch(Character::isDigit)) {
      try {
        return OptionalInt.of(Integer.parseInt(nameOrUid));
      } catch (NumberFormatException e) {
        return OptionalInt.empty();
      }
    }
    return entries().stream()
        .filter(e -> e.length > 2 && e[0].equals(nameOrUid))
        .mapToInt(e -> parseUid(e[2]))
        .filter(uid -> uid >= 0)
        .findFirst();
  }

  /** The name of {@code uid}, when {@code /etc/passwd} lists it. */
  public static Optional<String> nameOf(int uid) {
    String text = Integer.toString(uid);
    return entries().stream()
        .filter(e -> e.length > 2 && e[2].equals(text))
        .map(e -> e[0])
        .findFirst();
  }

  /** {@code NAME (uid N)}, or {@code uid N} for an unnamed uid. */
  public static String describe(int uid) {
    return nameOf(uid).map(name -> name + " (uid " + uid + ")").orElse("uid " + uid);
  }

  /** This process's uid, where {@code /proc/self} tells it (Linux). */
  public static OptionalInt currentUid() {
    try {
      return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return OptionalInt.empty();
    }
  }

  private static List<String[]> entries() {
    try {
      return Files.readAllLines(PASSWD, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.startsWith("#"))
          .map(line -> line.split(":", -1))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int parseUid(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

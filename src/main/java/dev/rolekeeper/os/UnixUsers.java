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
 * not listed there: name them by number), and this process's own uid: the one place it is read.
 */
public final class UnixUsers {

  private static final Path PASSWD = Path.of("/etc/passwd");
  private static final Path STATUS = Path.of("/proc/self/status");
  private static volatile int procUid = -1;

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

  /**
   * This process's effective uid where {@code /proc} tells it (Linux), which is where the kernel's
   * socket tables exist too; empty elsewhere.
   */
  public static OptionalInt currentUid() {
    try {
      return Files.isReadable(STATUS) ? OptionalInt.of(procUid()) : OptionalInt.empty();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * The effective uid of this process: the owner of the files it creates. On Linux from {@code
   * /proc/self/status} (no user database look-up, which can be slow on a networked machine, and no
   * regular expression, which would cost a short-lived CLI command milliseconds of class loading),
   * elsewhere from the JDK.
   */
  public static int ownUid() throws IOException {
    if (Files.isReadable(STATUS)) {
      return procUid();
    }
    return (int) new com.sun.security.auth.module.UnixSystem().getUid();
  }

  /** Read once: a process's uid does not change here (rolekeeper never calls setuid). */
  private static int procUid() throws IOException {
    int uid = procUid;
    if (uid < 0) {
      uid = effectiveUid(new String(Files.readAllBytes(STATUS), StandardCharsets.US_ASCII));
      procUid = uid;
    }
    return uid;
  }

  /** The second number of the {@code Uid:} line: real, effective, saved and file-system uids. */
  static int effectiveUid(String status) throws IOException {
    int line = status.startsWith("Uid:") ? 0 : status.indexOf("\nUid:") + 1;
    if (line == 0 && !status.startsWith("Uid:")) {
      throw new IOException("/proc/self/status has no Uid line");
    }
    int at = line + "Uid:".length();
    int number = 0;
    int value = 0;
    boolean inDigits = false;
    for (; at < status.length() && status.charAt(at) != '\n'; at++) {
      char c = status.charAt(at);
      if (c >= '0' && c <= '9') {
        value = inDigits ? value * 10 + (c - '0') : c - '0';
        inDigits = true;
      } else if (inDigits) {
        if (++number == 2) {
          return value;
        }
        inDigits = false;
      }
    }
    if (inDigits && ++number == 2) {
      return value;
    }
    throw new IOException("/proc/self/status: cannot read the effective uid");
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

package dev.rolekeeper.os;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second, unprivileged Unix user for tests that try the daemon as the hostile world would: a real
 * other account on the same machine, not a mocked uid.
 *
 * <p>The account is {@value #NAME}; {@code .ci/run} creates it with {@code useradd}. The tests run
 * as root there (as CI does), and drop to the account with {@code setpriv}. Where the account is
 * missing or the tests do not run as root (a developer's own machine), tests that need it are
 * skipped, except under {@code CI=true}, where a missing account fails them: a green CI must not
 * hide a skipped security test.
 */
public final class OtherUser {

  /** The account's name, created by {@code .ci/run}. */
  public static final String NAME = "rolekeeper-peer";

  private final int uid;

  private OtherUser(int uid) {
    this.uid = uid;
  }

  /**
   * The other user, or a skipped test where it cannot be had (a failed one under {@code CI=true}).
   */
  public static OtherUser require() {
    boolean ci = "true".equals(System.getenv("CI"));
    String why = unavailableBecause();
    if (why != null && ci) {
      throw new AssertionError(why + " (.ci/run creates the account as root)");
    }
    assumeTrue(why == null, why);
    return new OtherUser(idOf(NAME, "-u"));
  }

  /** The account's uid. */
  public int uid() {
    return uid;
  }

  /** The uid this test JVM runs as (the daemon's owner in these tests). */
  public static int ownUid() {
    return idOf(null, "-u");
  }

  /** Runs {@code command} as the other user with an empty environment but PATH; waits ≤ 30 s. */
  public Result run(String... command) throws IOException, InterruptedException {
    Process process = start(command);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out as " + NAME + ": " + String.join(" ", command));
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code command} as the other user and returns at once (a listener that squats a port,
   * say); the caller destroys it.
   */
  public Process start(String... command) throws IOException {
    List<String> line = new ArrayList<>();
    line.add("setpriv");
    line.add("--reuid=" + NAME);
    line.add("--regid=" + NAME);
    line.add("--init-groups");
    line.add("--");
    line.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(line).directory(Path.of("/tmp").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    builder.environment().put("HOME", "/tmp");
    return builder.start();
  }

  /**
   * A directory the other user owns and may write (mode 0777 on the way so it can reach it): where
   * it plants links and files of its own.
   */
  public Path writableDirectory(Path parent) throws IOException, InterruptedException {
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path dir = Files.createDirectories(parent.resolve("other-user"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Result chown = run("true");
    if (chown.exit() != 0) {
      throw new AssertionError("cannot run as " + NAME + ": " + chown.err());
    }
    Process owner =
        new ProcessBuilder("chown", NAME + ":" + NAME, dir.toString())
            .redirectErrorStream(true)
            .start();
    if (!owner.waitFor(10, TimeUnit.SECONDS) || owner.exitValue() != 0) {
      throw new AssertionError(
          "chown failed: " + new String(owner.getInputStream().readAllBytes()));
    }
    return dir;
  }

  /** What a command run as the other user printed, and its exit status. */
  public record Result(int exit, String out, String err) {}

  private static String unavailableBecause() {
    if (Os.current() != Os.LINUX) {
      return "needs Linux (setpriv, /proc)";
    }
    if (idOf(null, "-u") != 0) {
      return "needs root to drop to the second user " + NAME;
    }
    if (idOf(NAME, "-u") < 0) {
      return "needs the Unix account " + NAME;
    }
    return null;
  }

  /** {@code id FLAG [name]}, or -1 when the account does not exist. */
  private static int idOf(String name, String flag) {
    try {
      List<String> command = new ArrayList<>(List.of("id", flag));
      if (name != null) {
        command.add(name);
      }
      Process id = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0) {
        return -1;
      }
      return Integer.parseInt(out);
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}

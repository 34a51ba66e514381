/**
 * Prints the daemon's JVM flags (dev.rolekeeper.service.JvmFlags.DAEMON), one a line, for the Debian package's
 * launcher. Run as a source file with the rolekeeper jar on the class path.
 */
public final class PrintJvmFlags {

  private PrintJvmFlags() {}

  public static void main(String[] args) {
    dev.rolekeeper.service.JvmFlags.DAEMON.forEach(System.out::println);
  }
}

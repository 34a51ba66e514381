package dev.rolekeeper.credfile;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second "daemon" in its own JVM, for the crash and concurrency tests: writes section {@code
 * args[1]} of file {@code args[0]} with {@link TestCredentials#numbered} versions {@code args[2]},
 * {@code args[2] + 1}, ... ({@code args[3]} writes, 0 for endless), printing {@code wrote N} after
 * each completed write. With {@code args[4] == "final"} it then waits for a line on stdin and
 * writes one more version. Exits 2 on any outcome but Written.
 */
public final class CredfileWriterChild {

  private CredfileWriterChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String section = args[1];
    long first = Long.parseLong(args[2]);
    long count = Long.parseLong(args[3]);
    SyncWriter writer = new SyncWriter(new CredentialsFile(file));
    long n = first;
    for (; count == 0 || n < first + count; n++) {
      write(writer, section, n);
    }
    if (args.length > 4 && args[4].equals("final")) {
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      write(writer, section, n);
    }
  }

  private static void write(SyncWriter writer, String section, long n) {
    WriteOutcome outcome = writer.write(section, TestCredentials.numbered(section, n));
    if (!(outcome instanceof WriteOutcome.Written)) {
      System.err.println("write " + n + ": " + outcome);
      System.exit(2);
    }
    System.out.println("wrote " + n);
    System.out.flush();
  }
}

package dev.rolekeeper.listen;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * This process's open socket-diagnostics sockets (netlink protocol 4), as Linux lists them: what a
 * {@link PeerGate} holds while it lives. For tests that check a gate is closed with its listener.
 */
public final class DiagSockets {

  private DiagSockets() {}

  /** Whether this machine lists netlink sockets ({@code /proc/net/netlink}). */
  public static boolean listed() {
    return Files.isReadable(Path.of("/proc/net/netlink"));
  }

  /** How many socket-diagnostics sockets this process holds now. */
  public static long open() throws IOException {
    Set<String> diag = new HashSet<>();
    for (String line : Files.readAllLines(Path.of("/proc/net/netlink"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 10 && f[1].equals("4")) {
        diag.add("socket:[" + f[9] + "]");
      }
    }
    long count = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          if (diag.contains(Files.readSymbolicLink(fd).toString())) {
            count++;
          }
        } catch (IOException e) {
          // closed meanwhile (the stream's own descriptor, for one)
        }
      }
    }
    return count;
  }
}

package dev.rolekeeper.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the process holding a socket: the {@code socket:[inode]} links in {@code /proc/PID/fd}.
 * Only processes whose descriptors this user may see are found (its own; root: all).
 */
final class SocketHolders {

  private SocketHolders() {}

  static Optional<TcpSockets.Holder> find(Path proc, long inode) {
    String socket = "socket:[" + inode + "]";
    try (Stream<Path> procs = Files.list(proc)) {
      for (Path dir : procs.filter(p -> isPid(p.getFileName().toString())).toList()) {
        if (holds(dir.resolve("fd"), socket)) {
          long pid = Long.parseLong(dir.getFileName().toString());
          // the program only, not its arguments: a command line may carry a secret
          String program =
              ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("program unknown");
          return Optional.of(new TcpSockets.Holder(pid, program));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean isPid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(Path fdDir, String socket) {
    try (Stream<Path> list = Files.list(fdDir)) {
      for (Path fd : list.toList()) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals(socket)) {
            return true;
          }
        } catch (IOException | SecurityException e) {
          // closed meanwhile, or not ours to read
        }
      }
    } catch (IOException | SecurityException e) {
      return false;
    }
    return false;
  }
}

package dev.rolekeeper.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Names the process listening on a loopback TCP port, from {@code /proc} (Linux): the socket's
 * inode in {@code /proc/net/tcp}, then the process whose file descriptors include it. Only this
 * user's processes can be seen; otherwise it says how to find out.
 */
final class PortHolder {

  private static final String LISTEN = "0A";

  private PortHolder() {}

  static String describe(int port) {
    // The program only, not its arguments: a command line may carry a secret.
    return find(port)
        .map(
            pid ->
                "pid "
                    + pid
                    + " ("
                    + ProcessHandle.of(pid)
                        .flatMap(h -> h.info().command())
                        .orElse("program unknown")
                    + ")")
        .orElse("another program (see: ss -ltnp 'sport = :" + port + "')");
  }

  static Optional<Long> find(int port) {
    try {
      Optional<String> inode =
          listeningInode(Path.of("/proc/net/tcp"), port)
              .or(() -> listeningInode(Path.of("/proc/net/tcp6"), port));
      return inode.flatMap(PortHolder::owner);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> listeningInode(Path table, int port) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    try (Stream<String> lines = Files.lines(table)) {
      return lines
          .skip(1)
          .map(String::trim)
          .map(l -> l.split("\\s+"))
          .filter(f -> f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN))
          .map(f -> f[9])
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> owner(String inode) {
    String socket = "socket:[" + inode + "]";
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        if (holds(proc.resolve("fd"), socket)) {
          return Optional.of(Long.parseLong(proc.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean holds(Path fdDir, String socket) {
    List<Path> fds;
    try (Stream<Path> list = Files.list(fdDir)) {
      fds = list.toList();
    } catch (IOException | SecurityException e) {
      return false;
    }
    for (Path fd : fds) {
      try {
        if (Files.readSymbolicLink(fd).toString().equals(socket)) {
          return true;
        }
      } catch (IOException | SecurityException e) {
        // closed meanwhile, or not ours to read
      }
    }
    return false;
  }
}

package dev.rolekeeper.os;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux's TCP socket tables ({@code /proc/net/tcp}, {@code /proc/net/tcp6}): which user owns a
 * connection's client end, which user listens on a port, and which process holds a socket.
 *
 * <p>The tables name every socket of the machine's network namespace, with its owner's uid, to
 * every user; the processes holding a socket can be seen only for this user's own processes (root:
 * all). The kernel renders a table as it is read, walking its whole socket hash (a fixed cost of a
 * few milliseconds even for an empty table, more with many sockets), so the look-ups here read a
 * few lines at a time ({@link TableLines}) and stop at the match. Blocking file reads: never on an
 * event loop.
 *
 * <p>Where there is no such table (macOS, a {@code /proc} not mounted), {@link #available()} is
 * false and look-ups find nothing.
 */
public final class TcpSockets {

  /** A connection's two ends, as the server sees it accepted. */
  public record Connection(
      InetAddress client, int clientPort, InetAddress server, int serverPort) {}

  /** The socket listening on a port: its owner and its inode (to find its process by). */
  public record Listener(int uid, long inode) {}

  /** A process holding a socket: its pid and its program (never its arguments: secrets). */
  public record Holder(long pid, String program) {}

  /**
   * Who listens on a port: the socket's owner, and its process where this user may see it.
   *
   * @param uid the listening socket's owner
   * @param process the process holding it, if visible (this user's own; root: any)
   */
  public record PortHolder(int uid, Optional<Holder> process) {

    /** {@code user NAME (uid N), pid P (PROGRAM)}; the pid is left out where it cannot be seen. */
    public String describe() {
      String user = "user " + UnixUsers.describe(uid);
      return process
          .map(p -> user + ", pid " + p.pid() + " (" + p.program() + ")")
          .orElse(user + " (its process is not visible to this user)");
    }
  }

  private static final TcpSockets SYSTEM = new TcpSockets(Path.of("/proc"));

  private static final String TIME_WAIT = "06";
  static final String LISTEN = "0A";

  // Read sizes: a client end may be anywhere in a table, so a few lines a read balances the
  // kernel's walk past the match against the number of reads; listeners come first, few.
  private static final int CLIENT_CHUNK = 1024;
  private static final int LISTENER_CHUNK = 256;

  private final Path proc;
  // which table held the last client end found: read first next time (a hint, so no lock)
  private volatile boolean lastFoundInV6;

  /** The tables under {@code proc} ({@code proc/net/tcp}...): the system's, or a test's copy. */
  public TcpSockets(Path proc) {
    this.proc = proc;
  }

  /** The running system's tables. */
  public static TcpSockets system() {
    return SYSTEM;
  }

  /** Whether the tables can be read here: Linux with {@code /proc}. */
  public boolean available() {
    return Files.isReadable(proc.resolve("net/tcp"));
  }

  /**
   * The uid owning the client end of each of {@code wanted}: the socket whose local end is the
   * client's address and port and whose remote end is the server's. A connection the tables do not
   * show with an owner (closed meanwhile, or only a TIME_WAIT remnant) is missing from the answer.
   *
   * <p>An IPv4 client socket is listed in {@code tcp}; an IPv6 one reaching an IPv4 server (the
   * JDK's sockets, for one) in {@code tcp6}, with IPv4-mapped addresses. Each read walks the whole
   * socket hash up to the last match, whichever family it lists, so the table that held the last
   * match is read first: a machine's clients tend to be of one kind.
   */
  public Map<Connection, Integer> clientOwners(Collection<Connection> wanted) throws IOException {
    Map<Connection, Integer> found = new HashMap<>();
    Map<String, Connection> v4Keys = new HashMap<>();
    Map<String, Connection> v6Keys = new HashMap<>();
    for (Connection c : wanted) {
      if (c.client().getAddress().length == 4 && c.server().getAddress().length == 4) {
        v4Keys.put(KernelHex.ends(c, false), c);
      }
      v6Keys.put(KernelHex.ends(c, true), c);
    }
    boolean v6First = lastFoundInV6;
    for (boolean v6 : new boolean[] {v6First, !v6First}) {
      Map<String, Connection> keys = v6 ? v6Keys : v4Keys;
      keys.values().removeIf(found::containsKey);
      int before = found.size();
      scan(proc.resolve(v6 ? "net/tcp6" : "net/tcp"), keys, found, wanted.size());
      if (found.size() > before) {
        lastFoundInV6 = v6;
      }
      if (found.size() == wanted.size()) {
        break;
      }
    }
    return found;
  }

  /**
   * The socket that takes connections to {@code address:port}: one listening on that address or on
   * every address, IPv4 or IPv6 (IPv4-mapped). Kernels list listening sockets first, so the read
   * stops at the first socket of any other state.
   */
  public Optional<Listener> listener(InetAddress address, int port) {
    for (boolean v6 : new boolean[] {false, true}) {
      if (!v6 && address.getAddress().length != 4) {
        continue;
      }
      Set<String> ends = new HashSet<>();
      ends.add(KernelHex.end(address.getAddress(), port, v6));
      ends.add(KernelHex.end(new byte[v6 ? 16 : 4], port, v6));
      try (TableLines lines = open(proc.resolve(v6 ? "net/tcp6" : "net/tcp"), LISTENER_CHUNK)) {
        Optional<Listener> found = listener(lines, ends);
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException e) {
        // no such table here: nothing to find in it
      }
    }
    return Optional.empty();
  }

  /**
   * Who holds {@code address:port} for listening: its owner, and its process where this user may
   * see it.
   */
  public Optional<PortHolder> portHolder(InetAddress address, int port) {
    return listener(address, port).map(l -> new PortHolder(l.uid(), holder(l.inode())));
  }

  /**
   * The process holding socket {@code inode}, from the {@code socket:[inode]} links in {@code
   * /proc/PID/fd}; only processes whose descriptors this user may see (its own; root: all).
   */
  public Optional<Holder> holder(long inode) {
    return SocketHolders.find(proc, inode);
  }

  static void scan(
      Path table, Map<String, Connection> keys, Map<Connection, Integer> found, int wanted)
      throws IOException {
    if (keys.isEmpty()) {
      return;
    }
    try (TableLines lines = open(table, CLIENT_CHUNK)) {
      scan(lines, keys, found, wanted);
    } catch (java.nio.file.NoSuchFileException e) {
      // no IPv6 here
    }
  }

  /** Matches table lines against {@code keys} (local and remote end as the kernel writes them). */
  static void scan(
      TableLines lines, Map<String, Connection> keys, Map<Connection, Integer> found, int wanted)
      throws IOException {
    lines.readLine(); // the heading
    String line;
    while (found.size() < wanted && (line = lines.readLine()) != null) {
      TableRow row = TableRow.parse(line);
      if (row == null || row.state().equals(TIME_WAIT) || row.inode() == 0) {
        continue;
      }
      Connection c = keys.get(row.ends());
      if (c != null) {
        found.put(c, row.uid());
      }
    }
  }

  static Optional<Listener> listener(TableLines lines, Set<String> localEnds) throws IOException {
    lines.readLine();
    String line;
    while ((line = lines.readLine()) != null) {
      TableRow row = TableRow.parse(line);
      if (row == null) {
        continue;
      }
      if (!row.state().equals(LISTEN)) {
        return Optional.empty();
      }
      if (localEnds.contains(row.local())) {
        return Optional.of(new Listener(row.uid(), row.inode()));
      }
    }
    return Optional.empty();
  }

  private static TableLines open(Path table, int chunk) throws IOException {
    return new TableLines(Files.newInputStream(table), chunk);
  }
}

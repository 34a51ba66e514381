package dev.rolekeeper.daemon;

import dev.rolekeeper.os.LockProbe;
import dev.rolekeeper.os.TcpSockets;
import dev.rolekeeper.os.UnixUsers;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether the daemon that {@code daemon.json} names is really ours, before anything is sent to it:
 * its instance lock ({@code <state>/rolekeeper.lock}) is held by some process (a live pid proves
 * nothing: pids are reused), and, on Linux, the socket listening on its port belongs to this user.
 * Checked by every client before it sends the control token.
 */
public final class DaemonTrust {

  /** The instance lock's file name in the state directory (the daemon's {@code InstanceLock}). */
  public static final String LOCK_FILE = "rolekeeper.lock";

  // where the CLI connects (HttpDaemonClient): 127.0.0.1 whatever the JVM's address preference
  private static final InetAddress LOOPBACK =
      InetAddress.getLoopbackAddress() instanceof java.net.Inet4Address v4 ? v4 : loopbackV4();

  /** What the check found. */
  public sealed interface Verdict {}

  /** The daemon runs and holds its port: safe to talk to. */
  public record Trusted(DaemonInfo info) implements Verdict {}

  /** No daemon runs ({@code daemon.json} missing, or stale: nobody holds the instance lock). */
  public record NotRunning(String why) implements Verdict {}

  /** Something else answers there: nothing may be sent. The message names who. */
  public record Impostor(String message) implements Verdict {}

  /** The daemon holds its lock but does not listen on its port: nothing may be sent. */
  public record Unreachable(DaemonInfo info, String message) implements Verdict {}

  private DaemonTrust() {}

  /**
   * Checks the daemon of {@code stateDir}.
   *
   * @throws IOException when the state cannot be read (a damaged {@code daemon.json}, a lock file
   *     that is a symbolic link)
   */
  public static Verdict check(Path stateDir) throws IOException {
    Optional<DaemonInfo> read = DaemonInfo.read(stateDir);
    if (read.isEmpty()) {
      return new NotRunning("no " + DaemonInfo.FILE_NAME);
    }
    DaemonInfo info = read.get();
    Path lock = stateDir.resolve(LOCK_FILE);
    LockProbe.State state;
    try {
      state = LockProbe.probe(lock);
    } catch (IOException e) {
      throw new IOException("cannot check the instance lock " + lock + ": " + e.getMessage(), e);
    }
    if (state != LockProbe.State.HELD) {
      return new NotRunning(
          DaemonInfo.FILE_NAME + " is stale: no rolekeeper holds " + lock + " (it stopped)");
    }
    return listenerCheck(info);
  }

  /** Where the tables tell (Linux): the port's listener must exist and be this user's. */
  private static Verdict listenerCheck(DaemonInfo info) {
    TcpSockets sockets = TcpSockets.system();
    OptionalInt own = UnixUsers.currentUid();
    if (own.isEmpty() || !sockets.available()) {
      return new Trusted(info);
    }
    Optional<TcpSockets.Listener> listener = sockets.listener(LOOPBACK, info.port());
    if (listener.isEmpty()) {
      // fail closed: another program could take the port between this check and the connect
      return new Unreachable(
          info,
          "rolekeeper (pid "
              + info.pid()
              + ") holds its lock but nothing listens on 127.0.0.1:"
              + info.port()
              + "; it may be stopping: restart it");
    }
    if (listener.get().uid() == own.getAsInt()) {
      return new Trusted(info);
    }
    TcpSockets.PortHolder holder =
        new TcpSockets.PortHolder(listener.get().uid(), sockets.holder(listener.get().inode()));
    return new Impostor(
        "127.0.0.1:"
            + info.port()
            + " is held by "
            + holder.describe()
            + ", not by rolekeeper: nothing was sent to it. It may be waiting for"
            + " tokens; stop it (or have it stopped), then restart rolekeeper");
  }

  private static InetAddress loopbackV4() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}

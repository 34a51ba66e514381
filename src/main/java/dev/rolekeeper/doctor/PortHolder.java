package dev.rolekeeper.doctor;

import dev.rolekeeper.os.TcpSockets;
import dev.rolekeeper.os.UnixUsers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Names the process listening on a loopback TCP port, from the kernel's socket table ({@link
 * TcpSockets}, Linux): its user, and its pid and program where this user can see them; otherwise it
 * says how to find out.
 */
final class PortHolder {

  private PortHolder() {}

  /** Who holds 127.0.0.1:{@code port}, for a sentence "port P is held by ...". */
  static String describe(int port) {
    Optional<TcpSockets.PortHolder> holder = find(port);
    if (holder.isEmpty()) {
      return "another program (see: ss -ltnp 'sport = :" + port + "')";
    }
    if (isOtherUser(holder.get())) {
      return holder.get().describe();
    }
    // The program only, not its arguments: a command line may carry a secret.
    return holder
        .get()
        .process()
        .map(p -> "pid " + p.pid() + " (" + p.program() + ")")
        .orElse("another program (see: ss -ltnp 'sport = :" + port + "')");
  }

  /** The listener on 127.0.0.1:{@code port} where the system tells. */
  static Optional<TcpSockets.PortHolder> find(int port) {
    try {
      return TcpSockets.system()
          .portHolder(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
    } catch (UnknownHostException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the holder is known to be another user than this process's. */
  static boolean isOtherUser(TcpSockets.PortHolder holder) {
    OptionalInt own = UnixUsers.currentUid();
    return own.isPresent() && own.getAsInt() != holder.uid();
  }
}

package dev.rolekeeper.bench.peers;

import dev.rolekeeper.os.SockDiag;
import dev.rolekeeper.os.TcpSockets;
import dev.rolekeeper.os.UnixUsers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * The cost of the daemon's per-connection check alone with the kernel's socket diagnostics: N
 * times, a fresh loopback connection, then one {@link SockDiag#owner} look-up of its client end on
 * one reused netlink socket, timed. Prints {@code n=… found=… p50_us=… p90_us=… max_us=…} (in
 * microseconds with three decimals: a look-up takes a few). Needs a build that has {@code
 * SockDiag}.
 *
 * <p>Usage: {@code DiagLookup N}.
 */
public final class DiagLookup {

  private DiagLookup() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    long[] nanos = new long[n];
    int found = 0;
    try (SockDiag diag = SockDiag.open(UnixUsers.currentUid());
        ServerSocket server = new ServerSocket(0, 50, loopback)) {
      for (int i = 0; i < n; i++) {
        try (Socket client = new Socket(loopback, server.getLocalPort());
            Socket accepted = server.accept()) {
          TcpSockets.Connection c =
              new TcpSockets.Connection(
                  accepted.getInetAddress(), accepted.getPort(), loopback, server.getLocalPort());
          long start = System.nanoTime();
          found += diag.owner(c).isPresent() ? 1 : 0;
          nanos[i] = System.nanoTime() - start;
        }
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "n=%d found=%d p50_us=%.3f p90_us=%.3f max_us=%.3f%n",
        n,
        found,
        nanos[n / 2] / 1e3,
        nanos[(int) Math.ceil(0.9 * n) - 1] / 1e3,
        nanos[n - 1] / 1e3);
  }
}

package dev.rolekeeper.bench.peers;

import dev.rolekeeper.os.TcpSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of the daemon's per-connection check alone: N times, a fresh loopback connection, then
 * one {@link TcpSockets#clientOwners} look-up of its client end, timed. Prints {@code n=… found=…
 * table_lines=… p50_us=… p90_us=… max_us=…}. Kept apart from the other helpers (they compile
 * against any build of the jar; this needs one that has {@code TcpSockets}).
 *
 * <p>Usage: {@code TableLookup N}.
 */
public final class TableLookup {

  private TableLookup() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    TcpSockets sockets = TcpSockets.system();
    long[] micros = new long[n];
    int found = 0;
    try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
      for (int i = 0; i < n; i++) {
        try (Socket client = new Socket(loopback, server.getLocalPort());
            Socket accepted = server.accept()) {
          TcpSockets.Connection c =
              new TcpSockets.Connection(
                  accepted.getInetAddress(), accepted.getPort(), loopback, server.getLocalPort());
          long start = System.nanoTime();
          found += sockets.clientOwners(List.of(c)).size();
          micros[i] = (System.nanoTime() - start) / 1_000;
        }
      }
    }
    long lines;
    try (var stream = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/net/tcp"))) {
      lines = stream.count() - 1;
    }
    Arrays.sort(micros);
    System.out.printf(
        "n=%d found=%d table_lines=%d p50_us=%d p90_us=%d max_us=%d%n",
        n, found, lines, micros[n / 2], micros[(int) Math.ceil(0.9 * n) - 1], micros[n - 1]);
  }
}

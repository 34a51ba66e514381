package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Where the daemon listens, known before anything is built: the MFA page's links, {@code
 * daemon.json} and the log all name the port. A port 0 in the settings ("any free port") is
 * resolved here to a port the system reports free.
 *
 * @param host the IPv4 loopback literal to bind
 * @param port the main port (container route, control, MFA page)
 * @param imdsPort the IMDS port; 0 when IMDS is off (no port is opened)
 * @param allowUids the uids admitted besides the daemon's own user ({@code listen.allowUsers})
 */
public record Listening(String host, int port, int imdsPort, Set<Integer> allowUids) {

  /** Resolves the ports of {@code listen} (blocking: it opens probe sockets). */
  static Listening resolve(Settings.Listen listen, boolean imds) throws IOException {
    InetAddress address = InetAddress.getByName(listen.bindAddress());
    // Both probes stay open together, so the two ports always differ.
    try (ServerSocket main = probe(listen.port(), address);
        ServerSocket metadata = imds ? probe(listen.imdsPort(), address) : null) {
      return new Listening(
          listen.bindAddress(),
          main == null ? listen.port() : main.getLocalPort(),
          !imds ? 0 : metadata == null ? listen.imdsPort() : metadata.getLocalPort(),
          listen.allowUids());
    }
  }

  /** A socket on a free port when {@code port} is 0, else null (the port is fixed). */
  private static ServerSocket probe(int port, InetAddress address) throws IOException {
    return port == 0 ? new ServerSocket(0, 1, address) : null;
  }
}

package dev.rolekeeper.os;

import dev.rolekeeper.os.TcpSockets.Connection;
import java.io.IOException;
import java.util.OptionalInt;

/** Who owns a TCP connection's client end: the kernel's answer for one connection. */
public interface ClientOwners {

  /**
   * The uid owning the socket that is {@code c}'s client end (local end the client's address and
   * port, remote end the server's); empty when there is no live such socket (it closed, or only a
   * TIME_WAIT remnant is left).
   *
   * @throws IOException when the kernel could not be asked or its answer is not understood
   */
  OptionalInt owner(Connection c) throws IOException;
}

package dev.rolekeeper.http;

import dev.rolekeeper.os.TcpSockets;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The endpoint cannot listen because another program holds one of its ports; the message names who
 * holds it (user, pid, program) where the system tells, and how to go on. An SDK configured for
 * rolekeeper would send that program its token, so this is worth more than "address in use".
 */
public final class PortTakenException extends IllegalStateException {

  /** EX_UNAVAILABLE from sysexits.h: {@code rolekeeper run}'s exit status for this failure. */
  public static final int EXIT_STATUS = 69;

  private PortTakenException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The failure to report for a failed listen: this exception when the address was in use, else one
   * naming the address. Blocking: reads {@code /proc}.
   */
  static RuntimeException failure(EndpointOptions options, Throwable failure) {
    boolean imds = options.imds().enabled();
    EndpointOptions.Listen listen = options.listen();
    String where =
        "cannot listen on "
            + listen.host()
            + (imds
                ? " ports " + listen.port() + "/" + listen.imdsPort()
                : " port " + listen.port());
    if (!inUse(failure)) {
      return new IllegalStateException(where + ": " + failure.getMessage(), failure);
    }
    int[] ports = imds ? new int[] {listen.port(), listen.imdsPort()} : new int[] {listen.port()};
    for (int port : ports) {
      Optional<TcpSockets.PortHolder> holder = port == 0 ? Optional.empty() : holder(listen, port);
      if (holder.isPresent()) {
        return new PortTakenException(
            listen.host()
                + ":"
                + port
                + " is held by "
                + holder.get().describe()
                + ". SDKs set up for rolekeeper would send that program their token: stop it, or"
                + " set listen.port / listen.imdsPort to free ports (and run `rolekeeper env` again"
                + " in your shells)",
            failure);
      }
    }
    return new PortTakenException(
        where
            + ": address already in use by another program (see: ss -ltnp 'sport = :"
            + listen.port()
            + (imds ? " or sport = :" + listen.imdsPort() : "")
            + "')",
        failure);
  }

  private static boolean inUse(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private static Optional<TcpSockets.PortHolder> holder(EndpointOptions.Listen listen, int port) {
    try {
      return TcpSockets.system().portHolder(InetAddress.getByName(listen.bindAddress()), port);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}

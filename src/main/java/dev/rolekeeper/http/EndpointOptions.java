package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsChoice;
import dev.rolekeeper.listen.RequestDeadlines;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and what the endpoint serves.
 *
 * @param listen the loopback address and ports to listen on
 * @param imds whether IMDS listens at all, and what it serves as its role
 * @param region the region IMDS reports ({@code placement/region}, the identity document)
 * @param timeouts when idle and stalled client connections are closed
 * @param allowUids the uids admitted besides this process's own ({@code listen.allowUsers}), where
 *     connections are checked ({@link dev.rolekeeper.listen.PeerGate})
 */
public record EndpointOptions(
    Listen listen,
    ImdsChoice imds,
    String region,
    ConnectionTimeouts timeouts,
    Set<Integer> allowUids) {

  public EndpointOptions {
    Objects.requireNonNull(listen, "endpoint listen");
    Objects.requireNonNull(imds, "endpoint imds");
    Objects.requireNonNull(region, "endpoint region");
    Objects.requireNonNull(timeouts, "endpoint timeouts");
    allowUids = Set.copyOf(allowUids);
    if (region.isBlank()) {
      throw new IllegalArgumentException("endpoint region is blank: set it, e.g. us-east-1");
    }
  }

  /**
   * Where the endpoint listens.
   *
   * @param host a loopback IP literal ({@code 127.0.0.1}, {@code ::1}); anything else is refused
   * @param port the main port (container and control routes); 0 picks a free one
   * @param imdsPort the IMDSv2 port, opened only when IMDS is {@linkplain ImdsChoice#enabled()
   *     enabled}; 0 picks a free one
   */
  public record Listen(String host, int port, int imdsPort) {

    private static final Pattern IP_LITERAL =
        Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*]?");

    public Listen {
      Objects.requireNonNull(host, "endpoint host");
      requireLoopbackLiteral(host);
      requirePort(port, "port");
      requirePort(imdsPort, "imdsPort");
    }

    /** The address to bind: {@link #host()} without IPv6 brackets. */
    public String bindAddress() {
      return unbracketed(host);
    }

    private static String unbracketed(String host) {
      return host.startsWith("[") && host.endsWith("]")
          ? host.substring(1, host.length() - 1)
          : host;
    }

    private static void requireLoopbackLiteral(String host) {
      if (!IP_LITERAL.matcher(host).matches() || !isLoopback(unbracketed(host))) {
        throw new IllegalArgumentException(
            "endpoint host '"
                + host
                + "' is not a loopback IP literal: rolekeeper"
                + " serves credentials on loopback only; use 127.0.0.1 (or ::1)");
      }
    }

    private static boolean isLoopback(String literal) {
      try {
        // a literal never triggers a DNS lookup; the pattern above has already refused names
        return InetAddress.getByName(literal).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }

    private static void requirePort(int value, String name) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException(
            "endpoint " + name + " " + value + " is out of range 0-65535");
      }
    }
  }

  /**
   * How long a client connection may sit on the endpoint without doing its part, so slow or stalled
   * clients cannot hold connections (and their memory) open for ever ({@link RequestDeadlines}).
   *
   * @param requestHeaders a connection must deliver a complete request head within this long of
   *     connecting, and of its previous answer (keep-alive); a client trickling bytes without ever
   *     finishing, or sending nothing, is closed
   * @param requestBody a request's whole body must arrive within this long of its head; a client
   *     trickling or withholding the body is closed. While the daemon works on an answer, however
   *     long, the client owes nothing.
   */
  public record ConnectionTimeouts(Duration requestHeaders, Duration requestBody) {

    /** The daemon's usual deadlines, those of every listener it opens. */
    public static final ConnectionTimeouts DEFAULT =
        new ConnectionTimeouts(RequestDeadlines.REQUEST_HEADERS, RequestDeadlines.REQUEST_BODY);

    public ConnectionTimeouts {
      Objects.requireNonNull(requestHeaders, "requestHeaders");
      Objects.requireNonNull(requestBody, "requestBody");
      if (requestHeaders.toMillis() < 1 || requestBody.toMillis() < 1) {
        throw new IllegalArgumentException("connection timeouts must be positive");
      }
    }
  }
}

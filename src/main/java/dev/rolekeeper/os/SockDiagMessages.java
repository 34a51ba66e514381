package dev.rolekeeper.os;

import dev.rolekeeper.os.TcpSockets.Connection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The netlink messages of one socket-diagnostics look-up ({@code linux/inet_diag.h}): a request
 * naming one TCP socket by its four-tuple, and the kernel's answer, which carries the socket's
 * owner. Header and counters are in the machine's byte order, ports and addresses in network order
 * (as the kernel keeps them).
 */
final class SockDiagMessages {

  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  private static final int IPPROTO_TCP = 6;
  private static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final int NLM_F_REQUEST = 1;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int ENOENT = 2;
  private static final int HEADER = 16;
  // inet_diag_req_v2: family, protocol, ext, pad, states, then the 48-byte inet_diag_sockid
  static final int REQUEST = HEADER + 56;
  // inet_diag_msg: family, state, timer, retrans, sockid (48), expires, rqueue, wqueue, uid, inode
  private static final int MESSAGE = 72;
  private static final int ID = 4;
  private static final int UID = 64;
  private static final int INODE = 68;
  // TCP states whose owner is not a live client end: TIME_WAIT and request remnants carry no owner
  // (uid 0), and a listener is another socket than the one asked for.
  private static final int TIME_WAIT = 6;
  private static final int LISTEN = 10;
  private static final int NEW_SYN_RECV = 12;

  private SockDiagMessages() {}

  /** The sequence number the kernel echoes in its answer to {@code request}. */
  static int sequence(byte[] request) {
    return ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).getInt(8);
  }

  /**
   * The request for the socket that is {@code c}'s client end: local end the client's address and
   * port, remote end the server's. Written into {@code into} ({@link #REQUEST} bytes).
   */
  static void clientEnd(Connection c, int sequence, byte[] into) {
    int family = family(c);
    ByteBuffer b = ByteBuffer.wrap(into).order(ByteOrder.nativeOrder());
    Arrays.fill(into, 0, REQUEST, (byte) 0);
    b.putInt(0, REQUEST)
        .putShort(4, (short) SOCK_DIAG_BY_FAMILY)
        .putShort(6, (short) NLM_F_REQUEST);
    b.putInt(8, sequence).putInt(12, 0);
    b.put(16, (byte) family).put(17, (byte) IPPROTO_TCP).putInt(20, -1); // every state
    writeId(b, HEADER + 8, c, family);
    // no cookie to match: INET_DIAG_NOCOOKIE, all ones
    b.putInt(HEADER + 8 + 40, -1).putInt(HEADER + 8 + 44, -1);
  }

  /**
   * The owner named in {@code reply} ({@code length} bytes) to the request {@code sequence} for
   * {@code c}'s client end: empty when the kernel knows no such socket or only a remnant of it.
   *
   * @throws IOException when the reply is not an answer to that request
   */
  static OptionalInt owner(byte[] reply, int length, int sequence, Connection c)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(reply, 0, length).order(ByteOrder.nativeOrder());
    if (length < HEADER) {
      throw new IOException("socket diagnostics: a short answer (" + length + " bytes)");
    }
    int messageLength = b.getInt(0);
    int type = b.getShort(4) & 0xffff;
    if (messageLength < HEADER || messageLength > length || b.getInt(8) != sequence) {
      throw new IOException("socket diagnostics: an answer to another request");
    }
    if (type == NLMSG_ERROR && messageLength >= HEADER + 4) {
      int error = -b.getInt(HEADER);
      if (error == ENOENT) {
        return OptionalInt.empty();
      }
      throw new IOException("socket diagnostics: error " + error);
    }
    if (type == NLMSG_DONE) {
      return OptionalInt.empty();
    }
    if (type != SOCK_DIAG_BY_FAMILY || messageLength < HEADER + MESSAGE) {
      throw new IOException("socket diagnostics: an answer of type " + type);
    }
    int family = b.get(HEADER) & 0xff;
    int state = b.get(HEADER + 1) & 0xff;
    if (!sameId(b, HEADER + ID, c, family)) {
      // the kernel also finds a listener on the client's address and port: not the client end
      return OptionalInt.empty();
    }
    if (state == TIME_WAIT || state == LISTEN || state == NEW_SYN_RECV) {
      return OptionalInt.empty();
    }
    if (b.getInt(HEADER + INODE) == 0) {
      // no longer held by any process (orphaned, closing): no owner to speak of
      return OptionalInt.empty();
    }
    return OptionalInt.of(b.getInt(HEADER + UID));
  }

  private static int family(Connection c) {
    return c.client().getAddress().length == 4 && c.server().getAddress().length == 4
        ? AF_INET
        : AF_INET6;
  }

  private static void writeId(ByteBuffer b, int at, Connection c, int family) {
    b.order(ByteOrder.BIG_ENDIAN);
    b.putShort(at, (short) c.clientPort()).putShort(at + 2, (short) c.serverPort());
    b.put(at + 4, address(c.client().getAddress(), family));
    b.put(at + 20, address(c.server().getAddress(), family));
    b.order(ByteOrder.nativeOrder());
  }

  private static boolean sameId(ByteBuffer b, int at, Connection c, int family) {
    if (family != AF_INET && family != AF_INET6) {
      return false;
    }
    b.order(ByteOrder.BIG_ENDIAN);
    boolean ports =
        (b.getShort(at) & 0xffff) == c.clientPort()
            && (b.getShort(at + 2) & 0xffff) == c.serverPort();
    b.order(ByteOrder.nativeOrder());
    // an IPv6 socket (the JDK's, for one) connected to an IPv4 server shows IPv4-mapped addresses
    return ports
        && Arrays.equals(slice(b, at + 4, family), address(c.client().getAddress(), family))
        && Arrays.equals(slice(b, at + 20, family), address(c.server().getAddress(), family));
  }

  private static byte[] slice(ByteBuffer b, int at, int family) {
    byte[] bytes = new byte[family == AF_INET ? 4 : 16];
    b.get(at, bytes);
    return bytes;
  }

  private static byte[] address(byte[] address, int family) {
    if (family == AF_INET || address.length == 16) {
      return address;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(address, 0, mapped, 12, 4);
    return mapped;
  }
}

package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.os.TcpSockets.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The netlink messages of a look-up, against bytes written out by hand from {@code linux/netlink.h}
 * and {@code linux/inet_diag.h} (little-endian machines: x86-64, arm64).
 */
class SockDiagMessagesTest {

  private static final HexFormat HEX = HexFormat.of();
  // 127.0.0.1:41000 (0xA028) -> 127.0.0.1:8080 (0x1F90)
  private static final String ID_V4 =
      "a0281f90" + "7f000001" + "00".repeat(12) + "7f000001" + "00".repeat(12);
  private static final String ID_V6_MAPPED =
      "a0281f90" + "00000000000000000000ffff7f000001" + "00000000000000000000ffff7f000001";

  private Connection connection;

  @BeforeEach
  void littleEndian() throws IOException {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "bytes written for LE");
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    connection = new Connection(loopback, 41000, loopback, 8080);
  }

  @Test
  void request_ipv4ClientEnd_isTheKernelsLayout() {
    byte[] request = new byte[SockDiagMessages.REQUEST];

    SockDiagMessages.clientEnd(connection, 0x01020304, request);

    String expected =
        // nlmsghdr: length 72, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, sequence, port id 0
        "48000000"
            + "1400"
            + "0100"
            + "04030201"
            + "00000000"
            // inet_diag_req_v2: AF_INET, IPPROTO_TCP, no extensions, pad, every state
            + "02060000"
            + "ffffffff"
            // inet_diag_sockid: ports, addresses, interface 0, no cookie
            + ID_V4
            + "00000000"
            + "ffffffff"
            + "ffffffff";
    assertThat(HEX.formatHex(request)).isEqualTo(expected);
    assertThat(SockDiagMessages.sequence(request)).isEqualTo(0x01020304);
  }

  @Test
  void owner_establishedIpv4Socket_isItsUid() throws IOException {
    byte[] reply = reply(2, 1, ID_V4, 999, 4242);

    assertThat(SockDiagMessages.owner(reply, reply.length, 7, connection)).hasValue(999);
  }

  @Test
  void owner_ipv6SocketWithMappedAddresses_isItsUid() throws IOException {
    // the JDK's client sockets are IPv6 ones, even to an IPv4 server
    byte[] reply = reply(10, 1, ID_V6_MAPPED, 1000, 4242);

    assertThat(SockDiagMessages.owner(reply, reply.length, 7, connection)).hasValue(1000);
  }

  @Test
  void owner_noSuchSocket_isEmpty() throws IOException {
    byte[] reply = error(2);

    assertThat(SockDiagMessages.owner(reply, reply.length, 7, connection)).isEmpty();
  }

  @Test
  void owner_remnantsAndOtherSockets_areEmpty() throws IOException {
    byte[] timeWait = reply(2, 6, ID_V4, 0, 0);
    byte[] orphan = reply(2, 4, ID_V4, 999, 0);
    // a listener on the client's port, found in its place once the client end is gone
    byte[] listener =
        reply(2, 10, "a0280000" + "7f000001" + "00".repeat(12) + "00".repeat(16), 999, 77);

    assertThat(SockDiagMessages.owner(timeWait, timeWait.length, 7, connection)).isEmpty();
    assertThat(SockDiagMessages.owner(orphan, orphan.length, 7, connection)).isEmpty();
    assertThat(SockDiagMessages.owner(listener, listener.length, 7, connection)).isEmpty();
  }

  @Test
  void owner_otherSequenceShortOrOtherError_throws() {
    byte[] reply = reply(2, 1, ID_V4, 999, 4242);
    byte[] eperm = error(1);

    assertThatThrownBy(() -> SockDiagMessages.owner(reply, reply.length, 8, connection))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> SockDiagMessages.owner(reply, 40, 7, connection))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> SockDiagMessages.owner(eperm, eperm.length, 7, connection))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("error 1");
  }

  @Test
  void owner_answerForThisConnection_isNotAnOwnerForAnother() throws IOException {
    byte[] reply = reply(2, 1, ID_V4, 999, 4242);
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});

    assertThat(
            SockDiagMessages.owner(
                reply, reply.length, 7, new Connection(loopback, 41001, loopback, 8080)))
        .isEqualTo(OptionalInt.empty());
  }

  /** An inet_diag_msg answer, sequence 7: family, state, socket id, uid, inode. */
  private static byte[] reply(int family, int state, String id, int uid, int inode) {
    String hex =
        "58000000"
            + "1400"
            + "0000"
            + "07000000"
            + "00000000"
            + String.format("%02x%02x0000", family, state)
            + id
            + "00000000"
            + "11223344"
            + "55667788"
            // expires, rqueue, wqueue
            + "00000000"
            + "00000000"
            + "00000000"
            + le(uid)
            + le(inode);
    return HEX.parseHex(hex);
  }

  /** An NLMSG_ERROR answer, sequence 7: -errno, then the request's header. */
  private static byte[] error(int errno) {
    return HEX.parseHex(
        "24000000" + "0200" + "0000" + "07000000" + "00000000" + le(-errno) + "00".repeat(16));
  }

  private static String le(int value) {
    return String.format(
        "%02x%02x%02x%02x", value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24);
  }
}

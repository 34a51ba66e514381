package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.os.TcpSockets.Connection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket tables read from sample text as Linux writes it, and from the running system. */
class TcpSocketsTest {

  private static final String HEAD4 =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode\n";
  private static final String HEAD6 =
      "  sl  local_address                         remote_address                        st"
          + " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

  // 127.0.0.1:9911 listening (uid 1000); client 127.0.0.1:49104 -> 9911 of uid 999 (its end,
  // then the server's end of uid 1000); a TIME_WAIT remnant of 49200 -> 9911 (uid 0, inode 0).
  private static final String TCP =
      HEAD4
          + "   0: 0100007F:26B7 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000"
          + "        0 4242 1 0000000000000000 100 0 0 10 0\n"
          + "   1: 0100007F:BFD0 0100007F:26B7 01 00000000:00000000 00:00000000 00000000   999"
          + "        0 5151 1 0000000000000000 20 0 0 10 -1\n"
          + "   2: 0100007F:26B7 0100007F:BFD0 01 00000000:00000000 00:00000000 00000000  1000"
          + "        0 5152 1 0000000000000000 20 0 0 10 -1\n"
          + "   3: 0100007F:C030 0100007F:26B7 06 00000000:00000000 03:00001638 00000000     0"
          + "        0 0 3 0000000000000000\n";

  // a dual-stack client socket (uid 1001) reaching 127.0.0.1:9911 from port 50000, and a
  // listener on every IPv6 address, port 9912 (uid 1002)
  private static final String TCP6 =
      HEAD6
          + "   0: 00000000000000000000000000000000:26B8 00000000000000000000000000000000:0000 0A"
          + " 00000000:00000000 00:00000000 00000000  1002        0 7373 1 0000000000000000 100 0 0"
          + " 10 0\n"
          + "   1: 0000000000000000FFFF00000100007F:C350 0000000000000000FFFF00000100007F:26B7 01"
          + " 00000000:00000000 00:00000000 00000000  1001        0 6262 1 0000000000000000 20 0 0"
          + " 10 -1\n";

  @TempDir Path proc;

  private TcpSockets sample() throws IOException {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "samples are little-endian");
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(proc.resolve("net/tcp"), TCP);
    Files.writeString(proc.resolve("net/tcp6"), TCP6);
    return new TcpSockets(proc);
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  @Test
  void kernelHex_ipv4AndMapped_areWordsInNativeOrder() throws IOException {
    byte[] address = loopback().getAddress();
    assertThat(KernelHex.address(address, false, true)).isEqualTo("0100007F");
    assertThat(KernelHex.address(address, false, false)).isEqualTo("7F000001");
    assertThat(KernelHex.address(address, true, true))
        .isEqualTo("0000000000000000FFFF00000100007F");
    assertThat(KernelHex.address(InetAddress.getByName("::1").getAddress(), true, true))
        .isEqualTo("00000000000000000000000001000000");
  }

  @Test
  void clientOwners_ipv4Client_isTheClientEndsUidNotTheServers() throws IOException {
    Connection c = new Connection(loopback(), 49104, loopback(), 9911);

    assertThat(sample().clientOwners(List.of(c))).isEqualTo(Map.of(c, 999));
  }

  @Test
  void clientOwners_dualStackClient_isFoundWithMappedAddressesInTcp6() throws IOException {
    Connection ipv4 = new Connection(loopback(), 49104, loopback(), 9911);
    Connection mapped = new Connection(loopback(), 50000, loopback(), 9911);

    assertThat(sample().clientOwners(List.of(ipv4, mapped)))
        .isEqualTo(Map.of(ipv4, 999, mapped, 1001));
  }

  @Test
  void clientOwners_oneAfterTheOther_eachFoundWhicheverTableWasReadFirst() throws IOException {
    TcpSockets sockets = sample();
    Connection mapped = new Connection(loopback(), 50000, loopback(), 9911);
    Connection ipv4 = new Connection(loopback(), 49104, loopback(), 9911);

    assertThat(sockets.clientOwners(List.of(mapped))).isEqualTo(Map.of(mapped, 1001));
    assertThat(sockets.clientOwners(List.of(ipv4))).isEqualTo(Map.of(ipv4, 999));
    assertThat(sockets.clientOwners(List.of(mapped))).isEqualTo(Map.of(mapped, 1001));
  }

  @Test
  void clientOwners_timeWaitRemnantOrUnknown_isMissing() throws IOException {
    Connection closed = new Connection(loopback(), 49200, loopback(), 9911);
    Connection unknown = new Connection(loopback(), 1234, loopback(), 9911);

    assertThat(sample().clientOwners(List.of(closed, unknown))).isEmpty();
  }

  @Test
  void listener_onTheAddressOrEveryAddress_givesUidAndInode() throws IOException {
    TcpSockets sockets = sample();

    assertThat(sockets.listener(loopback(), 9911)).contains(new TcpSockets.Listener(1000, 4242));
    assertThat(sockets.listener(loopback(), 9912)).contains(new TcpSockets.Listener(1002, 7373));
    assertThat(sockets.listener(loopback(), 9913)).isEmpty();
    assertThat(sockets.listener(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 9911))
        .isEmpty();
  }

  @Test
  void tableLines_linesLongerThanAChunk_comeWholeInOrder() throws IOException {
    byte[] text = "first line\nsecond, longer line\n\nlast".getBytes(StandardCharsets.US_ASCII);
    try (TableLines lines = new TableLines(new ByteArrayInputStream(text), 4)) {
      assertThat(lines.readLine()).isEqualTo("first line");
      assertThat(lines.readLine()).isEqualTo("second, longer line");
      assertThat(lines.readLine()).isEmpty();
      assertThat(lines.readLine()).isEqualTo("last");
      assertThat(lines.readLine()).isNull();
    }
  }

  @Test
  void row_malformedLine_isNull() {
    assertThat(TableRow.parse("   0: 0100007F:26B7 junk")).isNull();
    assertThat(TableRow.parse("")).isNull();
  }

  @Test
  void system_ownLoopbackConnection_isOwnedByThisUserAndHeldByThisProcess() throws IOException {
    TcpSockets sockets = TcpSockets.system();
    assumeTrue(sockets.available(), "needs /proc/net/tcp (Linux)");
    int own = UnixUsers.currentUid().orElseThrow();
    try (ServerSocket server = new ServerSocket(0, 1, loopback());
        Socket client = new Socket(loopback(), server.getLocalPort());
        Socket accepted = server.accept()) {
      Connection c =
          new Connection(
              accepted.getInetAddress(), accepted.getPort(), loopback(), server.getLocalPort());

      assertThat(sockets.clientOwners(List.of(c))).isEqualTo(Map.of(c, own));
      TcpSockets.Listener listener =
          sockets.listener(loopback(), server.getLocalPort()).orElseThrow();
      assertThat(listener.uid()).isEqualTo(own);
      assertThat(sockets.holder(listener.inode()).orElseThrow().pid())
          .isEqualTo(ProcessHandle.current().pid());
    }
  }

  @Test
  void unixUsers_rootAndNumbers_resolve() {
    assumeTrue(Files.isReadable(Path.of("/etc/passwd")), "needs /etc/passwd");
    assertThat(UnixUsers.uidOf("root")).hasValue(0);
    assertThat(UnixUsers.uidOf("4321")).hasValue(4321);
    assertThat(UnixUsers.uidOf("no-such-user-here")).isEmpty();
    assertThat(UnixUsers.describe(0)).isEqualTo("root (uid 0)");
  }
}

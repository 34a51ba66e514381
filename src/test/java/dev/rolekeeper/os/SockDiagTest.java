package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.os.TcpSockets.Connection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kernel's socket diagnostics, asked about real loopback connections. */
class SockDiagTest {

  private SockDiag diag;
  private int own;

  @BeforeEach
  void open() throws IOException {
    assumeTrue(Os.current() == Os.LINUX, "netlink is Linux's");
    own = UnixUsers.currentUid().orElseThrow();
    diag = SockDiag.open(OptionalInt.of(own));
  }

  @AfterEach
  void close() {
    if (diag != null) {
      diag.close();
    }
  }

  @Test
  void owner_ownJdkConnection_isThisUser() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, loopback());
        Socket client = new Socket(loopback(), server.getLocalPort());
        Socket accepted = server.accept()) {
      Connection c =
          new Connection(
              accepted.getInetAddress(), accepted.getPort(), loopback(), server.getLocalPort());

      assertThat(diag.owner(c)).hasValue(own);
      // the same ends the other way round are the server's end, not a client end asked for
      Connection reversed =
          new Connection(loopback(), server.getLocalPort(), loopback(), accepted.getPort());
      assertThat(diag.owner(reversed)).hasValue(own);
    }
  }

  @Test
  void owner_otherUsersPythonClient_isThatUser() throws Exception {
    OtherUser other = OtherUser.require();
    try (ServerSocket server = new ServerSocket(0, 1, loopback())) {
      String connect =
          "import socket,sys\n"
              + "s=socket.create_connection(('127.0.0.1',"
              + server.getLocalPort()
              + "))\n"
              + "print(s.getsockname()[1],flush=True)\n"
              + "sys.stdin.read()\n";
      Process python = other.start("python3", "-c", connect);
      try (Socket accepted = server.accept();
          BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII))) {
        int clientPort = Integer.parseInt(out.readLine().trim());
        assertThat(accepted.getPort()).isEqualTo(clientPort);
        Connection c = new Connection(loopback(), clientPort, loopback(), server.getLocalPort());

        assertThat(diag.owner(c)).hasValue(other.uid());
      } finally {
        python.getOutputStream().close();
        python.destroy();
        python.waitFor();
      }
    }
  }

  @Test
  void owner_noSuchConnection_isEmptyAndTheSocketStillAnswers() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, loopback());
        Socket client = new Socket(loopback(), server.getLocalPort());
        Socket accepted = server.accept()) {
      int freePort;
      try (ServerSocket probe = new ServerSocket(0, 1, loopback())) {
        freePort = probe.getLocalPort();
      }
      Connection none = new Connection(loopback(), freePort, loopback(), server.getLocalPort());
      Connection mine =
          new Connection(
              accepted.getInetAddress(), accepted.getPort(), loopback(), server.getLocalPort());

      assertThat(diag.owner(none)).isEmpty();
      assertThat(diag.owner(mine)).hasValue(own);
    }
  }

  @Test
  void owner_afterClose_throws() {
    diag.close();
    InetAddress lo = loopback();

    assertThatThrownBy(() -> diag.owner(new Connection(lo, 1, lo, 2)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void open_otherUserExpected_failsTheCheck() {
    // the check at opening compares the answer for a socket of ours with the uid we run as
    assertThatThrownBy(() -> SockDiag.open(OptionalInt.of(own + 12345)).close())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("a socket of ours");
  }

  private static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }
}

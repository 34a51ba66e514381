package dev.rolekeeper.listen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.os.ClientOwners;
import dev.rolekeeper.os.OtherUser;
import dev.rolekeeper.os.SockDiag;
import dev.rolekeeper.os.TcpSockets;
import dev.rolekeeper.os.UnixUsers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which look-up the gate uses (the kernel's socket diagnostics where they answer, else the socket
 * tables), and that either way the owner is answered and another user is not, on a server gated
 * through {@link RequestDeadlines} as every listener of the daemon is.
 */
@ExtendWith(VertxExtension.class)
class PeerGateTest {

  @Test
  void choose_netlinkAvailable_kernelSocketDiagnosticsDecide(Vertx vertx) throws Exception {
    OtherUser other = OtherUser.require();
    OptionalInt uid = UnixUsers.currentUid();
    PeerGate gate =
        PeerGate.choose(vertx, TcpSockets.system(), () -> SockDiag.open(uid), uid, Set.of());

    assertThat(gate.describe())
        .startsWith("other local users: refused (kernel socket diagnostics)");
    assertOwnerAnsweredOtherRefused(vertx, gate, other);
  }

  @Test
  void choose_netlinkRefused_socketTablesDecide(Vertx vertx) throws Exception {
    OtherUser other = OtherUser.require();
    // as under a sandbox without AF_NETLINK: socket() fails with EAFNOSUPPORT
    PeerGate gate =
        PeerGate.choose(
            vertx,
            TcpSockets.system(),
            () -> {
              throw new IOException("no netlink socket: errno 97");
            },
            UnixUsers.currentUid(),
            Set.of());

    assertThat(gate.describe()).startsWith("other local users: refused (socket tables)");
    assertOwnerAnsweredOtherRefused(vertx, gate, other);
  }

  @Test
  void choose_nativeLibraryMissing_socketTablesDecide(Vertx vertx) {
    PeerGate gate =
        PeerGate.choose(
            vertx,
            TcpSockets.system(),
            () -> {
              throw new UnsatisfiedLinkError("jnidispatch");
            },
            UnixUsers.currentUid(),
            Set.of());

    assertThat(gate.enabled()).isTrue();
    assertThat(gate.describe()).startsWith("other local users: refused (socket tables)");
  }

  @Test
  void check_answerNotUnderstood_tableDecidesThatConnection(Vertx vertx) throws Exception {
    OtherUser other = OtherUser.require();
    ClientOwners garbled =
        c -> {
          throw new IOException("socket diagnostics: an answer of type 99");
        };
    PeerGate gate =
        PeerGate.choose(
            vertx, TcpSockets.system(), () -> garbled, UnixUsers.currentUid(), Set.of());

    assertThat(gate.describe()).contains("(kernel socket diagnostics)");
    assertOwnerAnsweredOtherRefused(vertx, gate, other);
  }

  private static void assertOwnerAnsweredOtherRefused(Vertx vertx, PeerGate gate, OtherUser other)
      throws Exception {
    RequestDeadlines deadlines =
        new RequestDeadlines(vertx, Duration.ofSeconds(5), Duration.ofSeconds(10), gate);
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .connectionHandler(deadlines::connected)
            .requestHandler(deadlines.around(request -> request.response().end("admitted")))
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    try {
      assertThat(get(server.actualPort())).startsWith("HTTP/1.1 200").endsWith("admitted");
      OtherUser.Result curl =
          other.run(
              "curl", "-sS", "--max-time", "10", "http://127.0.0.1:" + server.actualPort() + "/");
      assertThat(curl.exit()).as("curl as %s: %s", OtherUser.NAME, curl.out()).isIn(52, 56);
      assertThat(curl.out()).doesNotContain("admitted");
    } finally {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      gate.close();
    }
  }

  /** One request on a fresh connection, by this process: its whole answer. */
  private static String get(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}

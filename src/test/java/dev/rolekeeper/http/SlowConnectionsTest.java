package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.daemon.ImdsChoice;
import dev.rolekeeper.daemon.TokenStore;
import dev.rolekeeper.http.EndpointOptions.ConnectionTimeouts;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Slow and idle client connections are closed by the server on both ports. */
@ExtendWith(VertxExtension.class)
class SlowConnectionsTest {

  private static final ConnectionTimeouts SHORT =
      new ConnectionTimeouts(Duration.ofMillis(700), Duration.ofMillis(1500));
  private static final int CLIENTS = 100;

  private final List<Socket> sockets = new ArrayList<>();
  private EndpointVerticle verticle;
  private String controlToken;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path state) throws Exception {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("dev");
    verticle =
        RunningEndpoint.verticle(
            new EndpointOptions(
                new EndpointOptions.Listen("127.0.0.1", 0, 0),
                ImdsChoice.serve("dev"),
                "eu-west-1",
                SHORT,
                Set.of()),
            sessions,
            TokenStore.open(state));
    vertx
        .deployVerticle(verticle)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    controlToken = Files.readString(state.resolve("control.token"));
  }

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private Socket connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5);
    sockets.add(socket);
    return socket;
  }

  /** True once the server closed the connection (end of stream, or a reset). */
  private static boolean closedByServer(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void clientsTricklingRequestHeadsWithoutEnd_areClosedOnBothPorts() throws Exception {
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      int port = i % 2 == 0 ? verticle.actualPort() : verticle.actualImdsPort();
      Socket socket = connect(port);
      socket
          .getOutputStream()
          .write(
              ("GET /v1/credentials/dev HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      slow.add(socket);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
    List<Socket> open = new ArrayList<>(slow);
    // One header byte per socket every 100 ms: never idle, never finished.
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      for (Socket socket : List.copyOf(open)) {
        try {
          OutputStream out = socket.getOutputStream();
          out.write('X');
          out.flush();
        } catch (IOException e) {
          open.remove(socket);
          continue;
        }
        if (closedByServer(socket)) {
          open.remove(socket);
        }
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }

    assertThat(open).as("connections still open after 8 s").isEmpty();
  }

  @Test
  void keptAliveConnectionLeftIdleAfterAnAnswer_isClosed() throws Exception {
    Socket socket = connect(verticle.actualImdsPort());
    socket
        .getOutputStream()
        .write(
            ("PUT /latest/api/token HTTP/1.1\r\nHost: 127.0.0.1:"
                    + verticle.actualImdsPort()
                    + "\r\nX-aws-ec2-metadata-token-ttl-seconds: 60\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.setSoTimeout(5000);
    byte[] head = new byte[12];
    assertThat(socket.getInputStream().readNBytes(head, 0, head.length)).isEqualTo(12);
    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");

    socket.setSoTimeout(5);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
    boolean closed = false;
    while (!closed && System.nanoTime() < deadline) {
      closed = closedByServer(socket);
      TimeUnit.MILLISECONDS.sleep(50);
    }

    assertThat(closed).isTrue();
  }

  /** The head of a token request whose body waits for its whole declared length. */
  private Socket startTokenRequestWithBody() throws IOException {
    return tokenRequest(1000, "{");
  }

  /** A token request declaring {@code contentLength} body bytes, of which {@code sent} is sent. */
  private Socket tokenRequest(int contentLength, String sent) throws IOException {
    Socket socket = connect(verticle.actualPort());
    socket
        .getOutputStream()
        .write(
            ("POST /control/tokens HTTP/1.1\r\nHost: 127.0.0.1:"
                    + verticle.actualPort()
                    + "\r\nAuthorization: "
                    + controlToken
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + contentLength
                    + "\r\n\r\n"
                    + sent)
                .getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  /**
   * Polls until the server closed {@code socket}, at most 8 s; calls {@code each} between polls.
   */
  private static boolean closedWithin8s(Socket socket, IoStep each) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
    while (System.nanoTime() < deadline) {
      try {
        each.run();
      } catch (IOException e) {
        return true;
      }
      if (closedByServer(socket)) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return false;
  }

  private interface IoStep {
    void run() throws IOException;
  }

  @Test
  void clientTricklingARequestBodyWithoutEnd_isClosed() throws Exception {
    Socket socket = startTokenRequestWithBody();
    OutputStream out = socket.getOutputStream();

    // One body byte every 100 ms: never idle, never finished (1000 bytes would take 100 s).
    boolean closed =
        closedWithin8s(
            socket,
            () -> {
              out.write(' ');
              out.flush();
            });

    assertThat(closed).as("closed within 8 s").isTrue();
  }

  @Test
  void clientStallingInARequestBody_isClosed() throws Exception {
    Socket socket = startTokenRequestWithBody();

    assertThat(closedWithin8s(socket, () -> {})).as("closed within 8 s").isTrue();
  }

  @Test
  void requestWithItsWholeBody_isAnswered() throws Exception {
    String body = "{\"profiles\":[\"dev\"]}";
    Socket socket = tokenRequest(body.length(), body);
    socket.setSoTimeout(5000);
    byte[] head = new byte[12];

    assertThat(socket.getInputStream().readNBytes(head, 0, head.length)).isEqualTo(12);
    assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 20");
  }
}

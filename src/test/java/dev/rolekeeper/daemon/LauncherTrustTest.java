package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own {@code credential-process} path sends the control token only where the Java
 * client would: here a listener of this user on the port {@code daemon.json} names, so only the
 * instance lock decides. Nobody holds it: nothing is sent. This process holds it: the request comes
 * (which shows the listener would have seen one).
 */
class LauncherTrustTest {

  private static final String TOKEN = "rk-control-test-token";

  @TempDir Path home;
  @TempDir Path scratch;

  private ServerSocket listener;
  private Path state;

  @BeforeEach
  void stateOfADaemonThatIsGone() throws Exception {
    listener = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
    state = Files.createDirectories(home.resolve(".local/state/rolekeeper"));
    Files.writeString(state.resolve("control.token"), TOKEN);
    Files.writeString(state.resolve(DaemonTrust.LOCK_FILE), "");
    new DaemonInfo(ProcessHandle.current().pid(), listener.getLocalPort(), 0, "us-east-1")
        .write(state);
  }

  @AfterEach
  void close() throws Exception {
    listener.close();
  }

  @Test
  void lockHeldByNobody_ownListener_nothingSent() throws Exception {
    LauncherRun launch = LauncherRun.withoutJava(home, scratch, "credential-process", "prod");

    assertThat(launch.javaStarted()).as("left to the JVM").isTrue();
    // The launcher has exited: a connection it made would wait in the backlog now.
    listener.setSoTimeout(1);
    assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void lockHeldByTheProcessDaemonJsonNames_theRequestIsSent() throws Exception {
    CompletableFuture<String> firstLine =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket client = listener.accept()) {
                return new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try (FileChannel lock =
            FileChannel.open(state.resolve(DaemonTrust.LOCK_FILE), StandardOpenOption.WRITE);
        FileLock held = lock.lock()) {
      LauncherRun launch = LauncherRun.withoutJava(home, scratch, "credential-process", "prod");

      // No 200 came back (the listener closed), so the JVM was left to explain.
      assertThat(launch.javaStarted()).isTrue();
    }
    assertThat(firstLine.get(30, TimeUnit.SECONDS))
        .isEqualTo("GET /v1/credential-process/prod HTTP/1.1");
  }
}

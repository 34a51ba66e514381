package dev.rolekeeper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.daemon.DaemonInfo;
import dev.rolekeeper.daemon.DaemonTrust;
import dev.rolekeeper.os.OtherUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon check when it is not running, when its port is taken, and when it runs but does not
 * answer.
 */
class DaemonCheckTest {

  @TempDir Path temp;

  @Test
  void notRunning_portFree_needsStarting() throws Exception {
    Path home = Contexts.home(temp);
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }

    CheckResult result =
        new DaemonCheck()
            .run(
                Contexts.of(home, Contexts.env(home), freePort, URI.create("http://127.0.0.1:9/")));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).startsWith("not running");
    assertThat(((CheckResult.NeedsFix) result).fix()).contains("systemctl --user start rolekeeper");
  }

  @Test
  void notRunning_portHeldByAnotherProgram_namesThatProcess() throws Exception {
    Path home = Contexts.home(temp);
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CheckResult result =
          new DaemonCheck()
              .run(
                  Contexts.of(
                      home,
                      Contexts.env(home),
                      squatter.getLocalPort(),
                      URI.create("http://127.0.0.1:9/")));

      assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
      assertThat(result.summary())
          .contains(
              "port "
                  + squatter.getLocalPort()
                  + " is held by pid "
                  + ProcessHandle.current().pid());
      assertThat(((CheckResult.NeedsFix) result).fix()).contains("listen.port");
    }
  }

  @Test
  void runningButSilent_portAcceptsNothingUseful_needsRestart() throws Exception {
    Path home = Contexts.home(temp);
    DoctorContext context = Contexts.of(home, Contexts.env(home));
    Files.createDirectories(context.stateDir());
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    new DaemonInfo(ProcessHandle.current().pid(), closedPort, closedPort + 1, "us-east-1")
        .write(context.stateDir());

    CheckResult result;
    try (FileChannel lock = lockFile(context);
        FileLock held = lock.lock()) {
      result = new DaemonCheck().run(context);
    }

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).contains("does not answer on 127.0.0.1:" + closedPort);
    assertThat(((CheckResult.NeedsFix) result).fix()).contains("restart");
  }

  @Test
  void staleDaemonJson_livePidButNoLockHolder_notRunning() throws Exception {
    Path home = Contexts.home(temp);
    DoctorContext context = Contexts.of(home, Contexts.env(home));
    Files.createDirectories(context.stateDir());
    new DaemonInfo(ProcessHandle.current().pid(), 9, 10, "us-east-1").write(context.stateDir());

    CheckResult result = new DaemonCheck().run(context);

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).startsWith("not running");
  }

  @Test
  void notRunning_portHeldByAnotherUser_isASecurityProblemNamingTheUser() throws Exception {
    OtherUser other = OtherUser.require();
    Path home = Contexts.home(temp);
    Process squatter =
        other.start(
            "python3",
            "-u",
            "-c",
            "import socket, time\n"
                + "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
                + "print(s.getsockname()[1], flush=True); time.sleep(120)");
    try {
      int port =
          Integer.parseInt(
              new BufferedReader(new InputStreamReader(squatter.getInputStream())).readLine());

      CheckResult result =
          new DaemonCheck()
              .run(Contexts.of(home, Contexts.env(home), port, URI.create("http://127.0.0.1:9/")));

      assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
      assertThat(result.summary())
          .startsWith("security: another user listens on 127.0.0.1:" + port)
          .contains("user " + OtherUser.NAME + " (uid " + other.uid() + ")")
          .contains("pid " + squatter.pid())
          .contains("send it their token");
      assertThat(((CheckResult.NeedsFix) result).fix()).contains("listen.port");
    } finally {
      squatter.destroyForcibly().waitFor();
    }
  }

  private static FileChannel lockFile(DoctorContext context) throws IOException {
    return FileChannel.open(
        context.stateDir().resolve(DaemonTrust.LOCK_FILE),
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
  }
}

package dev.rolekeeper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.endpoint.DaemonInfo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
                Contexts.of(
                    home,
                    Contexts.env(home),
                    freePort,
                    URI.create("http://127.0.0.1:9/"),
                    Clock.systemUTC()));

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
                      URI.create("http://127.0.0.1:9/"),
                      Clock.systemUTC()));

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

    CheckResult result = new DaemonCheck().run(context);

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).contains("does not answer on 127.0.0.1:" + closedPort);
    assertThat(((CheckResult.NeedsFix) result).fix()).contains("restart");
  }
}

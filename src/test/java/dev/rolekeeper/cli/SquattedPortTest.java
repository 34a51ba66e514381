package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.daemon.DaemonInfo;
import dev.rolekeeper.daemon.DaemonTrust;
import dev.rolekeeper.daemon.LauncherRun;
import dev.rolekeeper.http.PortTakenException;
import dev.rolekeeper.os.OtherUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The daemon's port taken by another Unix user (a real second account): the CLI names the squatter
 * and sends it nothing, a stale {@code daemon.json} is not trusted, and a daemon that cannot bind
 * names the holder and exits 69.
 */
class SquattedPortTest {

  /** Listens, says "ready PORT", then prints the first line of every request it gets. */
  private static final String SQUATTER =
      String.join(
          "\n",
          "import socket, sys",
          "s = socket.socket()",
          "s.bind(('127.0.0.1', 0))",
          "s.listen(16)",
          "print('ready', s.getsockname()[1], flush=True)",
          "while True:",
          "    c, _ = s.accept()",
          "    c.settimeout(5)",
          "    try:",
          "        data = c.recv(65536)",
          "    except OSError:",
          "        data = b''",
          "    first = data.split(b'\\r\\n')[0].decode('ascii', 'replace')",
          "    print('request', first, flush=True)",
          "    c.close()",
          "");

  @TempDir Path home;

  private OtherUser other;
  private Process squatter;
  private BufferedReader squatterOut;
  private int port;
  private Path stateDir;

  @BeforeEach
  void squat() throws Exception {
    other = OtherUser.require();
    squatter = other.start("python3", "-u", "-c", SQUATTER);
    squatterOut =
        new BufferedReader(
            new InputStreamReader(squatter.getInputStream(), StandardCharsets.UTF_8));
    String ready = squatterOut.readLine();
    assertThat(ready).as("squatter's first line").startsWith("ready ");
    port = Integer.parseInt(ready.substring("ready ".length()).trim());
    stateDir = Files.createDirectories(home.resolve("state"));
    Files.writeString(stateDir.resolve("control.token"), "rk-control-test-token-not-for-others");
  }

  @AfterEach
  void stop() throws Exception {
    if (squatter != null) {
      squatter.destroyForcibly().waitFor();
    }
  }

  @Test
  void status_lockHeldButPortSquattedByOtherUser_namesItAndSendsNothing() throws Exception {
    new DaemonInfo(ProcessHandle.current().pid(), port, 0, "us-east-1").write(stateDir);
    try (FileChannel lock =
            FileChannel.open(
                stateDir.resolve(DaemonTrust.LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = lock.lock()) {
      Outcome status = cli("status", "--state-dir", stateDir.toString());

      assertThat(status.exit()).isEqualTo(3);
      assertThat(status.err())
          .contains("127.0.0.1:" + port + " is held by user " + OtherUser.NAME)
          .contains("uid " + other.uid())
          .contains("pid " + squatter.pid())
          .contains("nothing was sent");
      assertThat(status.out()).isEmpty();
    }
    assertThat(requestsBeforeProbe()).isEmpty();
  }

  @Test
  void status_lockHeldButNothingListens_failsWithoutSending() throws Exception {
    int closed;
    try (java.net.ServerSocket probe =
        new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = probe.getLocalPort();
    }
    new DaemonInfo(ProcessHandle.current().pid(), closed, 0, "us-east-1").write(stateDir);
    try (FileChannel lock =
            FileChannel.open(
                stateDir.resolve(DaemonTrust.LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = lock.lock()) {
      Outcome status = cli("status", "--state-dir", stateDir.toString());

      assertThat(status.exit()).isEqualTo(3);
      assertThat(status.err())
          .contains("holds its lock but nothing listens on 127.0.0.1:" + closed);
    }
  }

  @Test
  void credentialProcess_staleDaemonJsonWithLivePid_notRunningAndSendsNothing() throws Exception {
    // the pid lives (it is this JVM) but nobody holds the instance lock: the daemon is gone
    new DaemonInfo(ProcessHandle.current().pid(), port, 0, "us-east-1").write(stateDir);

    Outcome process = cli("credential-process", "--state-dir", stateDir.toString(), "prod");

    assertThat(process.exit()).isNotZero();
    assertThat(process.err()).contains("rolekeeper is not running");
    assertThat(requestsBeforeProbe()).isEmpty();
  }

  @Test
  void run_portSquattedByOtherUser_namesHolderAndExits69() throws Exception {
    Path settings = home.resolve("settings.yaml");
    Files.writeString(
        settings,
        String.join(
            "\n",
            "listen: {port: " + port + ", imdsPort: 0}",
            "region: us-east-1",
            "stateDir: " + home.resolve("daemon-state"),
            "mfa: {prompts: [cli]}",
            ""));
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Files.writeString(aws.resolve("config"), "");
    Map<String, String> env =
        Map.of(
            "HOME",
            home.toString(),
            "PATH",
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "AWS_CONFIG_FILE",
            aws.resolve("config").toString(),
            "AWS_SHARED_CREDENTIALS_FILE",
            aws.resolve("credentials").toString());

    try (DaemonChild daemon = DaemonChild.start(env, "run", "--config", settings.toString())) {
      int status = daemon.waitForExit(120);

      assertThat(status)
          .as("output:%n%s", daemon.output())
          .isEqualTo(PortTakenException.EXIT_STATUS);
      assertThat(daemon.output())
          .contains("127.0.0.1:" + port + " is held by user " + OtherUser.NAME)
          .contains("pid " + squatter.pid());
    }
  }

  @Test
  void launcher_credentialProcess_lockHeldButPortSquattedByOtherUser_sendsNothing(
      @TempDir Path scratch) throws Exception {
    // The launcher's own path looks in the default state directory of HOME.
    Path defaultState = Files.createDirectories(home.resolve(".local/state/rolekeeper"));
    Files.writeString(
        defaultState.resolve("control.token"), "rk-control-test-token-not-for-others");
    new DaemonInfo(ProcessHandle.current().pid(), port, 0, "us-east-1").write(defaultState);
    try (FileChannel lock =
            FileChannel.open(
                defaultState.resolve(DaemonTrust.LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = lock.lock()) {
      LauncherRun launch = LauncherRun.withoutJava(home, scratch, "credential-process", "prod");

      assertThat(launch.javaStarted()).as("left to the JVM, which checks and explains").isTrue();
    }
    assertThat(requestsBeforeProbe()).isEmpty();
  }

  @Test
  void launcher_credentialProcess_lockNotHeld_sendsNothing(@TempDir Path scratch) throws Exception {
    Path defaultState = Files.createDirectories(home.resolve(".local/state/rolekeeper"));
    Files.writeString(
        defaultState.resolve("control.token"), "rk-control-test-token-not-for-others");
    Files.writeString(defaultState.resolve(DaemonTrust.LOCK_FILE), "");
    new DaemonInfo(ProcessHandle.current().pid(), port, 0, "us-east-1").write(defaultState);

    LauncherRun launch = LauncherRun.withoutJava(home, scratch, "credential-process", "prod");

    assertThat(launch.javaStarted()).as("left to the JVM, which checks and explains").isTrue();
    assertThat(requestsBeforeProbe()).isEmpty();
  }

  private record Outcome(int exit, String out, String err) {}

  private static Outcome cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = CommandTree.whole();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int exit = line.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  /**
   * The requests the squatter recorded before a probe of ours: it handles connections in order, so
   * once it reports the probe, anything the CLI had sent is reported above it.
   */
  private List<String> requestsBeforeProbe() throws IOException {
    try (Socket probe = new Socket(InetAddress.getByName("127.0.0.1"), port);
        OutputStream out = probe.getOutputStream()) {
      out.write("PROBE / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      List<String> before = new ArrayList<>();
      for (String line; (line = squatterOut.readLine()) != null; ) {
        if (line.equals("request PROBE / HTTP/1.1")) {
          return before;
        }
        before.add(line);
      }
      throw new AssertionError("the squatter ended before reporting the probe");
    }
  }
}

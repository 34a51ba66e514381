package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.daemon.DaemonInfo;
import dev.rolekeeper.os.OtherUser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands with a state directory that is not the owner's alone: {@code run} exits 78 with one
 * line, {@code demo} writes nothing into it, and {@code status} sends the control token nowhere,
 * even to a {@code daemon.json} the other user wrote.
 */
class HostileStateDirCliTest {

  @TempDir Path temp;

  @Test
  void run_withOtherUsersDir_exits78WithOneLineNamingIt() throws Exception {
    OtherUser other = OtherUser.require();
    Path state = other.writableDirectory(temp);
    Path home = Files.createDirectories(temp.resolve("home"));

    DaemonChild child =
        DaemonChild.start(
            Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"),
            "run",
            "--state-dir",
            state.toString());

    assertThat(child.waitForExit(60)).isEqualTo(78);
    assertThat(child.output().lines().filter(line -> line.startsWith("rolekeeper:")))
        .containsExactly(
            "rolekeeper: the state directory "
                + state
                + " belongs to another user (uid "
                + other.uid()
                + "; you are uid "
                + OtherUser.ownUid()
                + "), who could read or replace its files: choose a directory of your own with"
                + " --state-dir or the stateDir setting");
    assertThat(child.output()).doesNotContain("\tat ");
    assertThat(listing(state)).isEmpty();
  }

  @Test
  void status_withDaemonFileWrittenByOtherUser_sendsNoTokenAndSaysWhy() throws Exception {
    OtherUser other = OtherUser.require();
    Path state = other.writableDirectory(temp);
    try (ServerSocketChannel squatter = ServerSocketChannel.open()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", 0));
      squatter.configureBlocking(false);
      int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
      String json = "{\"pid\":1,\"port\":" + port + ",\"imdsPort\":" + port + ",\"region\":\"x\"}";
      writeAsOtherUser(other, state.resolve(DaemonInfo.FILE_NAME), json);
      writeAsOtherUser(other, state.resolve("control.token"), "A".repeat(43));

      StringWriter err = new StringWriter();
      int exit =
          CommandTree.whole()
              .setErr(new PrintWriter(err))
              .execute("status", "--state-dir", state.toString());

      assertThat(exit).isEqualTo(3);
      assertThat(err.toString())
          .startsWith("rolekeeper: the state directory " + state + " belongs to another user");
      // The command has ended: a connection it made would be waiting in the backlog.
      assertThat(squatter.accept()).isNull();
    }
  }

  @Test
  void demo_withWorldWritableOwnDir_exits78WithChmodAndWritesNothing() throws Exception {
    Path state = Files.createDirectory(temp.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
    StringWriter err = new StringWriter();

    int exit =
        CommandTree.whole()
            .setErr(new PrintWriter(err))
            .execute("demo", "--port", "0", "--state-dir", state.toString());

    assertThat(exit).isEqualTo(78);
    assertThat(err.toString())
        .isEqualTo(
            "rolekeeper: the state directory "
                + state
                + " is rwxrwxrwx: other users could plant or replace files in it; make it yours"
                + " alone with chmod 700 "
                + state
                + System.lineSeparator());
    assertThat(listing(state)).isEmpty();
  }

  private static void writeAsOtherUser(OtherUser other, Path file, String content)
      throws Exception {
    OtherUser.Result write =
        other.run(
            "python3",
            "-c",
            "import sys; open(sys.argv[1], 'w').write(sys.argv[2])",
            file.toString(),
            content);
    assertThat(write.exit()).as(write.err()).isZero();
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}

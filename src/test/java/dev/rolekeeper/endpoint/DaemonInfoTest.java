package dev.rolekeeper.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code daemon.json} when IMDS is off: port 0, and a file without the port reads the same. */
class DaemonInfoTest {

  @TempDir Path state;

  private final long pid = ProcessHandle.current().pid();

  @Test
  void write_imdsOff_readsBackImdsPortZero() throws Exception {
    new DaemonInfo(pid, 9911, 0, "eu-west-1").write(state);

    assertThat(DaemonInfo.read(state)).contains(new DaemonInfo(pid, 9911, 0, "eu-west-1"));
  }

  @Test
  void read_fileWithoutImdsPort_takesItAsOff() throws Exception {
    Files.writeString(
        state.resolve(DaemonInfo.FILE_NAME),
        "{\"pid\":" + pid + ",\"port\":9911,\"region\":\"eu-west-1\"}");

    assertThat(DaemonInfo.read(state)).contains(new DaemonInfo(pid, 9911, 0, "eu-west-1"));
  }
}

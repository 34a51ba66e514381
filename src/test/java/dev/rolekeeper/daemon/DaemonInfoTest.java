package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.os.UnsafePathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DaemonInfo}: written and read back; IMDS off as port 0 (and a file without the port reads
 * the same); a link at its name is never followed.
 */
class DaemonInfoTest {

  @TempDir Path temp;

  private final long pid = ProcessHandle.current().pid();

  @Test
  void writeThenRead_ofThisLiveProcess_givesItBack() throws Exception {
    DaemonInfo info = new DaemonInfo(pid, 8123, 8124, "eu-west-1");

    info.write(temp);

    assertThat(DaemonInfo.read(temp)).contains(info);
  }

  @Test
  void write_imdsOff_readsBackImdsPortZero() throws Exception {
    new DaemonInfo(pid, 9911, 0, "eu-west-1").write(temp);

    assertThat(DaemonInfo.read(temp)).contains(new DaemonInfo(pid, 9911, 0, "eu-west-1"));
  }

  @Test
  void read_fileWithoutImdsPort_takesItAsOff() throws Exception {
    Files.writeString(
        temp.resolve(DaemonInfo.FILE_NAME),
        "{\"pid\":" + pid + ",\"port\":9911,\"region\":\"eu-west-1\"}");

    assertThat(DaemonInfo.read(temp)).contains(new DaemonInfo(pid, 9911, 0, "eu-west-1"));
  }

  @Test
  void read_ofLink_refusedNamingIt() throws Exception {
    Path elsewhere = temp.resolve("elsewhere.json");
    new DaemonInfo(pid, 8123, 8124, "eu-west-1")
        .write(Files.createDirectory(temp.resolve("other")));
    Files.move(temp.resolve("other/" + DaemonInfo.FILE_NAME), elsewhere);
    Path link = Files.createSymbolicLink(temp.resolve(DaemonInfo.FILE_NAME), elsewhere);

    assertThatThrownBy(() -> DaemonInfo.read(temp))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(link + " is a symbolic link");
  }

  @Test
  void write_overLinkToOwnersFile_replacesLinkAndLeavesTargetAlone() throws Exception {
    Path target = Files.writeString(temp.resolve("notes.txt"), "the owner's notes\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(temp.resolve(DaemonInfo.FILE_NAME), target);

    new DaemonInfo(pid, 8123, 8124, "eu-west-1").write(temp);

    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(Files.readString(target)).isEqualTo("the owner's notes\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
  }
}

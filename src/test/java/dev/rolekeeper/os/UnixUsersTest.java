package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link UnixUsers}: this process's own uid, the one place it is read. */
class UnixUsersTest {

  @TempDir Path temp;

  @Test
  void ownUid_isTheOwnerOfWhatThisProcessCreates() throws Exception {
    Path file = Files.createFile(temp.resolve("mine"));

    assertThat(UnixUsers.ownUid()).isEqualTo(Files.getAttribute(file, "unix:uid"));
  }

  @Test
  void effectiveUid_isTheSecondNumberOfTheUidLine() throws Exception {
    assertThat(UnixUsers.effectiveUid("Name:\tjava\nUid:\t1000\t999\t998\t997\nGid:\t5\n"))
        .isEqualTo(999);
    assertThat(UnixUsers.effectiveUid("Uid:\t0\t0\t0\t0")).isZero();
    assertThatThrownBy(() -> UnixUsers.effectiveUid("Name:\tjava\nGid:\t5\n"))
        .hasMessageContaining("no Uid line");
  }

  @Test
  void currentUid_onLinux_isTheOwnUid() throws Exception {
    assertThat(UnixUsers.currentUid()).hasValue(UnixUsers.ownUid());
  }
}

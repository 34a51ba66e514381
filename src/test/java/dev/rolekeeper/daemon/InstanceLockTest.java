package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.os.UnsafePathException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {

  @TempDir Path temp;

  @Test
  void acquire_heldByAnotherProcess_refusesNamingDirAndPid() throws Exception {
    Path state = temp.resolve("state");
    Process holder =
        new ProcessBuilder(
                TestContexts.realJava().toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderMain.class.getName(),
                state.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("LOCKED");

      assertThatThrownBy(() -> InstanceLock.acquire(state))
          .isInstanceOfSatisfying(
              AlreadyRunningException.class,
              e -> {
                assertThat(e.pid()).isEqualTo(OptionalLong.of(holder.pid()));
                assertThat(e.stateDir()).isEqualTo(state);
              })
          .hasMessageContaining(
              "rolekeeper is already running for " + state + " (pid " + holder.pid() + ")");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (InstanceLock lock = InstanceLock.acquire(state)) {
      assertThat(lock.isHeld()).isTrue();
      assertThat(Files.readString(lock.file()).trim())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
  }

  @Test
  void acquire_heldInThisProcess_refusesWithSameMessage() throws Exception {
    Path state = temp.resolve("state");
    try (InstanceLock first = InstanceLock.acquire(state)) {
      assertThat(first.isHeld()).isTrue();
      assertThatThrownBy(() -> InstanceLock.acquire(state))
          .isInstanceOf(AlreadyRunningException.class)
          .hasMessageContaining(
              "already running for " + state + " (pid " + ProcessHandle.current().pid() + ")");
    }
  }

  @Test
  void acquire_afterClose_succeedsAgain() throws Exception {
    Path state = temp.resolve("state");
    InstanceLock first = InstanceLock.acquire(state);
    first.close();

    assertThat(first.isHeld()).isFalse();
    try (InstanceLock again = InstanceLock.acquire(state)) {
      assertThat(again.isHeld()).isTrue();
      assertThat(again.file()).isEqualTo(state.resolve(InstanceLock.FILE_NAME));
    }
  }

  @Test
  void acquire_staleFileFromDeadProcess_takesOverAndRewritesPid() throws Exception {
    Path state = Files.createDirectories(temp.resolve("state"));
    Files.writeString(state.resolve(InstanceLock.FILE_NAME), "999999999999\n");

    try (InstanceLock lock = InstanceLock.acquire(state)) {
      assertThat(Files.readString(lock.file())).isEqualTo(ProcessHandle.current().pid() + "\n");
    }
  }

  @Test
  void acquire_missingStateDir_createdPrivate() throws Exception {
    Path state = temp.resolve("new/state");

    try (InstanceLock lock = InstanceLock.acquire(state)) {
      assertThat(Files.getPosixFilePermissions(state))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
      assertThat(Files.getPosixFilePermissions(lock.file()))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void acquire_lockFileIsLinkToOwnersFile_refusedNamingItAndTargetUntouched() throws Exception {
    Path state = Files.createDirectory(temp.resolve("state"));
    Path target = Files.writeString(temp.resolve("notes.txt"), "the owner's notes\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(state.resolve(InstanceLock.FILE_NAME), target);

    assertThatThrownBy(() -> InstanceLock.acquire(state))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(link + " is a symbolic link");

    assertThat(Files.readString(target)).isEqualTo("the owner's notes\n");
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void acquire_lockFileIsDanglingLink_refusedAndNothingCreatedWhereItPoints() throws Exception {
    Path state = Files.createDirectory(temp.resolve("state"));
    Path pointsAt = temp.resolve("created-by-link");
    Files.createSymbolicLink(state.resolve(InstanceLock.FILE_NAME), pointsAt);

    assertThatThrownBy(() -> InstanceLock.acquire(state)).isInstanceOf(UnsafePathException.class);

    assertThat(Files.exists(pointsAt, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void acquire_worldWritableStateDir_refusedWithChmodAndNoLockFile() throws Exception {
    Path state = Files.createDirectory(temp.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> InstanceLock.acquire(state))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("chmod 700 " + state);

    assertThat(state.resolve(InstanceLock.FILE_NAME)).doesNotExist();
  }

  @Test
  void message_pidUnknown_saysSo() {
    assertThat(new AlreadyRunningException(temp, OptionalLong.empty()).getMessage())
        .contains("(pid unknown)")
        .doesNotContain("kill");
  }
}

package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PrivateDirectory} with what the owner alone can set up: links, modes, files in the way.
 * Directories of another user are in {@code HostileStateDirTest}.
 */
class PrivateDirectoryTest {

  @TempDir Path temp;

  @Test
  void prepare_missingWithParents_createsEach0700() throws Exception {
    Path dir = temp.resolve("a/b/state");

    assertThat(PrivateDirectory.prepare(dir)).isEqualTo(dir);

    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(temp.resolve("a"))).isEqualTo("rwx------");
  }

  @Test
  void prepare_existingReadableByOthers_isAcceptedAndLeftAsItIs() throws Exception {
    Path dir = Files.createDirectory(temp.resolve("state"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    PrivateDirectory.prepare(dir);

    assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
  }

  @Test
  void prepare_worldWritable_refusedWithChmodAndLeftAsItIs() throws Exception {
    Path dir = Files.createDirectory(temp.resolve("state"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> PrivateDirectory.prepare(dir))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("the state directory " + dir + " is rwxrwxrwx")
        .hasMessageContaining("other users could plant or replace files in it")
        .hasMessageEndingWith("chmod 700 " + dir);
    assertThat(mode(dir)).isEqualTo("rwxrwxrwx");
  }

  @Test
  void verify_groupWritable_refused() throws Exception {
    Path dir = Files.createDirectory(temp.resolve("state"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));

    assertThatThrownBy(() -> PrivateDirectory.verify(dir))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("is rwxrwx---")
        .hasMessageContaining("chmod 700 " + dir);
  }

  @Test
  void prepare_symbolicLinkToOwnPrivateDirectory_refusedNamingLinkAndTarget() throws Exception {
    Path real = Files.createDirectory(temp.resolve("real"));
    Path link = Files.createSymbolicLink(temp.resolve("state"), real);

    assertThatThrownBy(() -> PrivateDirectory.prepare(link))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("the state directory " + link + " is a symbolic link (to " + real)
        .hasMessageContaining("--state-dir or the stateDir setting");
  }

  @Test
  void prepare_danglingSymbolicLink_refusedAndNothingCreatedWhereItPoints() throws Exception {
    Path target = temp.resolve("elsewhere/state");
    Path link = Files.createSymbolicLink(temp.resolve("state"), target);

    assertThatThrownBy(() -> PrivateDirectory.prepare(link))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("is a symbolic link");
    assertThat(temp.resolve("elsewhere")).doesNotExist();
  }

  @Test
  void prepare_aFile_refusedAsNotADirectory() throws Exception {
    Path file = Files.writeString(temp.resolve("state"), "x");

    assertThatThrownBy(() -> PrivateDirectory.prepare(file))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(file + " is not a directory");
  }

  @Test
  void verify_missing_isNoSuchFile() {
    assertThatThrownBy(() -> PrivateDirectory.verify(temp.resolve("none")))
        .isInstanceOf(NoSuchFileException.class);
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Os} from {@code os.name} values the JDKs report; {@link OwnerOnlyFiles}' modes and
 * replacement.
 */
class OsTest {

  @Test
  void fromName_knownJdkValues_giveTheirFamily() {
    assertThat(Os.fromName("Linux")).isEqualTo(Os.LINUX);
    assertThat(Os.fromName("Mac OS X")).isEqualTo(Os.MACOS);
    assertThat(Os.fromName("Darwin")).isEqualTo(Os.MACOS);
    assertThat(Os.fromName("Windows 11")).isEqualTo(Os.OTHER);
    assertThat(Os.fromName(null)).isEqualTo(Os.OTHER);
  }

  @Test
  void ownerOnlyFiles_directoryAndWrite_are0700And0600AndReplaceTheOldContent(@TempDir Path temp)
      throws Exception {
    assumeTrue(
        temp.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "needs POSIX permissions");
    Path dir = temp.resolve("state/nested");
    OwnerOnlyFiles.directory(dir);
    Path file = dir.resolve("daemon.json");
    OwnerOnlyFiles.write(file, "old".getBytes());
    OwnerOnlyFiles.write(file, "new".getBytes());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("new");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }
}

package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OwnerOnlyFiles} and {@link NoFollow} with a link where a file of ours belongs: refused or
 * replaced, never followed, and what it points at keeps its bytes and mode.
 */
class OwnerOnlyFilesLinksTest {

  private static final String TARGET_TEXT = "the owner's own file\n";

  @TempDir Path temp;

  @Test
  void restrict_onLink_refusedNamingItAndTargetModeUnchanged() throws Exception {
    Path target = target("rw-r--r--");
    Path link = Files.createSymbolicLink(temp.resolve("control.token"), target);

    assertThatThrownBy(() -> OwnerOnlyFiles.restrict(link))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(link + " is a symbolic link")
        .hasMessageContaining("rm " + link);

    assertUntouched(target, "rw-r--r--");
  }

  @Test
  void directory_onLinkToDirectory_refusedAndTargetModeUnchanged() throws Exception {
    Path real = Files.createDirectory(temp.resolve("real"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path link = Files.createSymbolicLink(temp.resolve("tokens"), real);

    assertThatThrownBy(() -> OwnerOnlyFiles.directory(link))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(link + " is a symbolic link");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real)))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void restrict_onRegularFile_makesIt0600() throws Exception {
    Path file = target("rw-r--r--");

    OwnerOnlyFiles.restrict(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void write_overLink_replacesTheLinkAndLeavesTargetAlone() throws Exception {
    Path target = target("rw-r--r--");
    Path link = Files.createSymbolicLink(temp.resolve("daemon.json"), target);

    OwnerOnlyFiles.write(link, "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(Files.readString(link)).isEqualTo("{}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(link)))
        .isEqualTo("rw-------");
    assertUntouched(target, "rw-r--r--");
    try (var left = Files.list(temp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("target", "daemon.json");
    }
  }

  @Test
  void open_createOnDanglingLink_refusedAndNoFileWhereItPoints() throws Exception {
    Path pointsAt = temp.resolve("planted-here");
    Path link = Files.createSymbolicLink(temp.resolve("credentials.rolekeeper.lock"), pointsAt);

    assertThatThrownBy(
            () ->
                NoFollow.open(
                    link,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    OwnerOnlyFiles.fileAttributes()))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(link + " is a symbolic link");

    assertThat(Files.exists(pointsAt, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void read_onLink_refusedAndOnFile_givesItsBytes() throws Exception {
    Path target = target("rw-------");
    Path link = Files.createSymbolicLink(temp.resolve("control.token"), target);

    assertThatThrownBy(() -> NoFollow.read(link, 1024)).isInstanceOf(UnsafePathException.class);
    assertThat(new String(NoFollow.read(target, 1024), StandardCharsets.UTF_8))
        .isEqualTo(TARGET_TEXT);
    assertThatThrownBy(() -> NoFollow.read(target, 4))
        .hasMessageContaining(target + " is larger than 4 bytes");
  }

  @Test
  void open_regularFile_opensIt() throws Exception {
    Path file = target("rw-------");

    try (FileChannel channel = NoFollow.open(file, Set.of(StandardOpenOption.READ))) {
      assertThat(channel.size()).isEqualTo(TARGET_TEXT.length());
    }
  }

  private Path target(String mode) throws Exception {
    Path target = Files.writeString(temp.resolve("target"), TARGET_TEXT);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
    return target;
  }

  private static void assertUntouched(Path target, String mode) throws Exception {
    assertThat(Files.readString(target)).isEqualTo(TARGET_TEXT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo(mode);
  }
}

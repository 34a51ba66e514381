package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.os.OtherUser;
import dev.rolekeeper.os.UnsafePathException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileLock}'s sidecar file is never followed when it is a link: nothing is created where a
 * dangling one points, and a file it points at keeps its bytes and mode. The credentials file
 * itself may still be a link (followed by the writer, not here).
 */
class FileLockTest {

  private static final String OWNERS_TEXT = "[default]\nregion = eu-west-1\n";

  @TempDir Path temp;

  @Test
  void acquire_lockFileIsDanglingLink_refusedAndNothingCreatedWhereItPoints() throws Exception {
    Path credentials = Files.writeString(temp.resolve("credentials"), "");
    Path pointsAt = temp.resolve("created-by-link");
    Path link = Files.createSymbolicLink(FileLock.lockFileFor(credentials), pointsAt);

    assertThatThrownBy(() -> FileLock.acquire(credentials))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(link + " is a symbolic link")
        .hasMessageContaining("rm " + link);

    assertThat(Files.exists(pointsAt, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void acquire_afterRefusal_releasesTheInProcessLockForTheNextTry() throws Exception {
    Path credentials = Files.writeString(temp.resolve("credentials"), "");
    Path link = Files.createSymbolicLink(FileLock.lockFileFor(credentials), temp.resolve("x"));
    assertThatThrownBy(() -> FileLock.acquire(credentials)).isInstanceOf(UnsafePathException.class);
    Files.delete(link);

    try (FileLock lock = FileLock.acquire(credentials)) {
      assertThat(Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
  }

  @Test
  void acquire_lockLinksPlantedByOtherUser_refusedAndOwnersFilesUntouched() throws Exception {
    OtherUser other = OtherUser.require();
    Path owners = Files.createDirectory(temp.resolve("owner"));
    Path ownersFile = Files.writeString(owners.resolve("config"), OWNERS_TEXT);
    Files.setPosixFilePermissions(ownersFile, PosixFilePermissions.fromString("rw-r--r--"));
    Path dangling = owners.resolve("created-by-link");
    Path shared = other.writableDirectory(temp);
    Path credentials = Files.writeString(shared.resolve("credentials"), "");
    Path danglingCredentials = Files.writeString(shared.resolve("credentials2"), "");
    plant(other, dangling, FileLock.lockFileFor(danglingCredentials));
    plant(other, ownersFile, FileLock.lockFileFor(credentials));

    assertThatThrownBy(() -> FileLock.acquire(danglingCredentials))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(FileLock.lockFileFor(danglingCredentials) + " is a symbolic link");
    assertThatThrownBy(() -> FileLock.acquire(credentials)).isInstanceOf(UnsafePathException.class);

    assertThat(Files.exists(dangling, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.readString(ownersFile)).isEqualTo(OWNERS_TEXT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ownersFile)))
        .isEqualTo("rw-r--r--");
  }

  private static void plant(OtherUser other, Path target, Path link) throws Exception {
    OtherUser.Result ln = other.run("ln", "-s", target.toString(), link.toString());
    assertThat(ln.exit()).as(ln.err()).isZero();
    assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(other.uid());
  }
}

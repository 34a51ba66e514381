package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.http.HttpFront;
import dev.rolekeeper.os.OtherUser;
import dev.rolekeeper.os.UnsafePathException;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory another real user can write to, or owns, or swapped for a link: the daemon, its
 * instance lock and its token store refuse it before opening anything in it, and the owner's files
 * that the other user's links point at keep their bytes and modes.
 */
@ExtendWith(VertxExtension.class)
class HostileStateDirTest {

  private static final String NOTES = "the owner's notes: not to be truncated\n";

  @TempDir Path temp;

  private OtherUser other;
  private Path owners;

  @BeforeEach
  void setUp() throws Exception {
    other = OtherUser.require();
    owners = Files.createDirectory(temp.resolve("owner"));
  }

  @Test
  void othersWritableDir_withPlantedLinks_daemonLockAndTokensRefuseIt_targetsUntouched(Vertx vertx)
      throws Exception {
    Path state = other.writableDirectory(temp);
    List<String> names =
        List.of(InstanceLock.FILE_NAME, "control.token", DaemonInfo.FILE_NAME, "tokens");
    for (String name : names) {
      plant(ownersFile(name), state.resolve(name));
    }

    assertThatThrownBy(() -> InstanceLock.acquire(state))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(
            "the state directory " + state + " belongs to another user (uid " + other.uid())
        .hasMessageContaining("choose a directory of your own with --state-dir");
    assertThatThrownBy(() -> TokenStore.open(state))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseInstanceOf(UnsafePathException.class)
        .hasMessageContaining("belongs to another user");
    assertThatThrownBy(() -> startDaemon(vertx, state))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseInstanceOf(UnsafePathException.class)
        .hasMessageContaining("the state directory " + state + " belongs to another user");

    for (String name : names) {
      assertOwnersFileUntouched(owners.resolve(name));
    }
    assertThat(listing(state)).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void dirOwnedByOtherUser_private0700_refused() throws Exception {
    Path shared = other.writableDirectory(temp);
    Path state = shared.resolve("state");
    OtherUser.Result mkdir = other.run("mkdir", "-m", "700", state.toString());
    assertThat(mkdir.exit()).as(mkdir.err()).isZero();

    assertThatThrownBy(() -> InstanceLock.acquire(state))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(
            "belongs to another user (uid " + other.uid() + "; you are uid " + OtherUser.ownUid());

    assertThat(listing(state)).isEmpty();
  }

  @Test
  void stateDirSwappedForLinkToOwnersPrivateDir_refused_ownersLockUntouched() throws Exception {
    Path real = Files.createDirectory(owners.resolve("state"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
    Path ownersLock = Files.writeString(real.resolve(InstanceLock.FILE_NAME), NOTES);
    Path shared = other.writableDirectory(temp);
    Path state = shared.resolve("state");
    plant(real, state);

    assertThatThrownBy(() -> InstanceLock.acquire(state))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("the state directory " + state + " is a symbolic link (to " + real);
    assertThatThrownBy(() -> TokenStore.open(state))
        .hasRootCauseInstanceOf(UnsafePathException.class);

    assertThat(Files.readString(ownersLock)).isEqualTo(NOTES);
    assertThat(listing(real)).containsExactly(InstanceLock.FILE_NAME);
  }

  @Test
  void ownDirUnderStickyWorldWritableParent_accepted() throws Exception {
    Path sticky = Files.createDirectory(temp.resolve("tmp"));
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setAttribute(sticky, "unix:mode", 01777);

    try (InstanceLock lock = InstanceLock.acquire(sticky.resolve("state"))) {
      assertThat(lock.isHeld()).isTrue();
    }
    assertThat(TokenStore.open(sticky.resolve("state")).controlToken()).isNotEmpty();
  }

  private static void startDaemon(Vertx vertx, Path state) throws Exception {
    Path home = state.getParent().resolve("home");
    Files.createDirectories(home);
    Path settingsFile = Files.writeString(home.resolve("settings.yaml"), "# from the env\n");
    Map<String, String> env =
        Map.of(
            "HOME",
            home.toString(),
            "ROLEKEEPER_STATEDIR",
            state.toString(),
            "ROLEKEEPER_LISTEN_PORT",
            "0",
            "ROLEKEEPER_LISTEN_IMDSPORT",
            "0");
    Settings settings = await(SettingsLoader.loadOnce(vertx, Optional.of(settingsFile), env));
    await(Daemon.start(vertx, settings, env, new HttpFront(vertx)));
  }

  /** A file of the owner's, 0644, named after what the link that points at it impersonates. */
  private Path ownersFile(String name) throws Exception {
    Path file = Files.writeString(owners.resolve(name), NOTES);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    return file;
  }

  private static void assertOwnersFileUntouched(Path file) throws Exception {
    assertThat(Files.readString(file)).as(file.toString()).isEqualTo(NOTES);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .as(file.toString())
        .isEqualTo("rw-r--r--");
  }

  private void plant(Path target, Path link) throws Exception {
    OtherUser.Result ln = other.run("ln", "-s", target.toString(), link.toString());
    assertThat(ln.exit()).as(ln.err()).isZero();
    assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(other.uid());
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}

package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.daemon.TestContexts;
import dev.rolekeeper.os.Os;
import dev.rolekeeper.paths.UserPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install-service runs the service from a versioned copy that no build touches; uninstall-service
 * removes it.
 */
class ProgramCopyTest {

  @TempDir Path temp;

  private ServiceContext context(Path home, Path jar, String version, List<String> flags) {
    ServiceContext base =
        ServiceContext.of(
            UserPaths.of(Os.LINUX, Map.of(), home.toString()), TestContexts.realJava(), jar);
    return new ServiceContext(base.paths(), base.settings(), base.java(), jar, flags, version);
  }

  private Path jar(String name, String content) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("clone/target"));
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void install_copiesJarToVersionDir_unitRunsTheCopyViaHomeSpecifier_andSurvivesMvnClean()
      throws IOException {
    Path home = TestContexts.newHome(temp);
    Path jar = jar("rolekeeper.jar", "jar v1");
    ServiceInstaller.InstallResult result =
        new ServiceInstaller(context(home, jar, "1.0.0", JvmFlags.DAEMON)).install(false);

    Path copy = home.resolve(".local/share/rolekeeper/1.0.0/rolekeeper.jar");
    assertThat(result.programDir()).isEqualTo(copy.getParent());
    assertThat(copy).hasContent("jar v1");
    assertThat(Files.getLastModifiedTime(copy).toMillis())
        .isEqualTo(Files.getLastModifiedTime(jar).toMillis());
    assertThat(result.content())
        .contains("\"-jar\" \"%h/.local/share/rolekeeper/1.0.0/rolekeeper.jar\" \"run\"")
        .doesNotContain(jar.toString())
        .doesNotContain(home.toString());
    Files.delete(jar);
    assertThat(copy).isRegularFile();
  }

  @Test
  void install_flagNamesFilesBesideJar_copiedOrRepointed_otherFlagsKept() throws IOException {
    Path home = TestContexts.newHome(temp);
    Path jar = jar("rolekeeper.jar", "jar");
    Path archive = Files.writeString(jar.resolveSibling("rolekeeper.jsa"), "class data");
    List<String> flags =
        List.of(
            "-Xmx64m",
            "-XX:SharedArchiveFile=" + archive,
            "-XX:ArchiveClassesAtExit=" + jar.resolveSibling("later.jsa"),
            "-Dunrelated=/etc/hostname-not-here");

    ProgramCopy plan = ProgramCopy.plan(context(home, jar, "1.0.0", flags));
    new ServiceInstaller(context(home, jar, "1.0.0", flags)).install(false);

    Path dir = home.resolve(".local/share/rolekeeper/1.0.0");
    assertThat(plan.installed().jvmFlags())
        .containsExactly(
            "-Xmx64m",
            "-XX:SharedArchiveFile=" + dir.resolve("rolekeeper.jsa"),
            "-XX:ArchiveClassesAtExit=" + dir.resolve("later.jsa"),
            "-Dunrelated=/etc/hostname-not-here");
    assertThat(dir.resolve("rolekeeper.jsa")).hasContent("class data");
    assertThat(dir.resolve("later.jsa")).doesNotExist();
    assertThat(home.resolve(".config/systemd/user/rolekeeper.service"))
        .content()
        .contains("\"-XX:SharedArchiveFile=%h/.local/share/rolekeeper/1.0.0/rolekeeper.jsa\"");
  }

  @Test
  void upgradeThenRollback_bothVersionsKept_unitPointsAtTheOneInstalledLast() throws IOException {
    Path home = TestContexts.newHome(temp);
    Path unit = home.resolve(".config/systemd/user/rolekeeper.service");
    new ServiceInstaller(context(home, jar("old.jar", "v1"), "1.0.0", List.of())).install(false);

    ServiceInstaller.InstallResult upgrade =
        new ServiceInstaller(context(home, jar("new.jar", "v2"), "1.1.0", List.of()))
            .install(false);

    Path v1 = home.resolve(".local/share/rolekeeper/1.0.0");
    assertThat(upgrade.otherVersions()).containsExactly(v1);
    assertThat(unit).content().contains("/1.1.0/rolekeeper.jar").doesNotContain("/1.0.0/");

    // Rollback: install-service run from the old copy itself (nothing to copy, the unit points back
    // at it).
    ServiceInstaller.InstallResult rollback =
        new ServiceInstaller(context(home, v1.resolve("rolekeeper.jar"), "1.0.0", List.of()))
            .install(false);

    assertThat(rollback.programDir()).isEqualTo(v1);
    assertThat(v1.resolve("rolekeeper.jar")).hasContent("v1");
    assertThat(unit).content().contains("/1.0.0/rolekeeper.jar");
  }

  @Test
  void reinstallSameVersion_replacesByRename_soARunningServiceKeepsReadingItsOldJar()
      throws IOException {
    Path home = TestContexts.newHome(temp);
    new ServiceInstaller(context(home, jar("a.jar", "first build"), "1.0.0", List.of()))
        .install(false);
    Path copy = home.resolve(".local/share/rolekeeper/1.0.0/rolekeeper.jar");

    try (FileChannel running = FileChannel.open(copy)) {
      new ServiceInstaller(context(home, jar("b.jar", "second build"), "1.0.0", List.of()))
          .install(false);

      ByteBuffer buffer = ByteBuffer.allocate(64);
      running.read(buffer, 0);
      assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8))
          .isEqualTo("first build");
    }
    assertThat(copy).hasContent("second build");
    try (var left = Files.list(copy.getParent())) {
      assertThat(left).containsExactly(copy);
    }
  }

  @Test
  void uninstall_removesUnitAndEveryCopy_keepsStateDirAndSaysWhereLogsAre() throws IOException {
    Path home = TestContexts.newHome(temp);
    new ServiceInstaller(context(home, jar("old.jar", "v1"), "1.0.0", List.of())).install(false);
    ServiceContext current = context(home, jar("new.jar", "v2"), "1.1.0", List.of());
    new ServiceInstaller(current).install(false);
    Files.writeString(current.stateDir().resolve("daemon.json"), "{}");

    ServiceInstaller.UninstallResult result = new ServiceInstaller(current).uninstall(false);

    assertThat(result.removed())
        .contains(
            home.resolve(".local/share/rolekeeper/1.0.0"),
            home.resolve(".local/share/rolekeeper/1.1.0"));
    assertThat(home.resolve(".local/share/rolekeeper")).doesNotExist();
    assertThat(current.stateDir().resolve("daemon.json")).isRegularFile();
    assertThat(result.keptStateDir()).isEqualTo(current.stateDir());
    assertThat(result.logs()).isEqualTo("journalctl --user -u rolekeeper.service");
  }

  /**
   * The launchd agent used to prepare {@code ~/Library/Application Support/rolekeeper} as the state
   * directory, which the daemon never used: it prepares the daemon's own, and keeps it apart from
   * the installed copies.
   */
  @Test
  void install_macos_preparesTheDaemonsStateDir_uninstallRemovesOnlyTheCopies() throws IOException {
    Path home = TestContexts.newHome(temp);
    ServiceContext base = TestContexts.macos(home);
    new ServiceInstaller(base).install(false);
    Path state = home.resolve(".local/state/rolekeeper");
    assertThat(base.stateDir()).isEqualTo(state);
    assertThat(state).isDirectory();
    Path root = home.resolve("Library/Application Support/rolekeeper");
    assertThat(root.resolve(base.version()).resolve("rolekeeper.jar")).isRegularFile();

    new ServiceInstaller(base).uninstall(false);

    assertThat(root).doesNotExist();
    assertThat(state).isDirectory();
  }

  @Test
  void plan_versionThatIsNoDirectoryName_refused() throws IOException {
    Path home = TestContexts.newHome(temp);

    assertThatThrownBy(
            () -> ProgramCopy.plan(context(home, jar("a.jar", "x"), "../evil", List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'../evil'");
  }
}

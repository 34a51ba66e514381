package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.daemon.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceInstallerTest {

  @TempDir Path temp;

  @Test
  void install_linux_writesUnitAndPrivateStateDir() throws IOException {
    Path home = TestContexts.newHome(temp);
    ServiceInstaller.InstallResult result =
        new ServiceInstaller(TestContexts.linux(home, Map.of())).install(false);

    Path unit = home.resolve(".config/systemd/user/rolekeeper.service");
    assertThat(result.target()).isEqualTo(unit);
    assertThat(result.replaced()).isFalse();
    assertThat(unit).hasContent(result.content().stripTrailing());
    assertThat(Files.readString(unit)).endsWith("\n").doesNotEndWith("\n\n");
    assertThat(Files.getPosixFilePermissions(home.resolve(".local/state/rolekeeper")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(result.enableCommand())
        .isEqualTo(
            "systemctl --user daemon-reload && systemctl --user enable --now rolekeeper.service");
  }

  @Test
  void install_dryRun_writesNothing() throws IOException {
    Path home = TestContexts.newHome(temp);
    ServiceInstaller.InstallResult result =
        new ServiceInstaller(TestContexts.linux(home, Map.of())).install(true);

    assertThat(result.content()).contains("ExecStart=");
    try (Stream<Path> files = Files.list(home)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void install_twice_replacesEarlierFile() throws IOException {
    Path home = TestContexts.newHome(temp);
    Path unit = home.resolve(".config/systemd/user/rolekeeper.service");
    Files.createDirectories(unit.getParent());
    Files.writeString(unit, "stale");

    ServiceInstaller.InstallResult result =
        new ServiceInstaller(TestContexts.linux(home, Map.of())).install(false);

    assertThat(result.replaced()).isTrue();
    assertThat(Files.readString(unit)).isEqualTo(result.content());
  }

  @Test
  void uninstall_enabledUnit_removesFileAndWantsLinkKeepsState() throws IOException {
    Path home = TestContexts.newHome(temp);
    ServiceInstaller installer = new ServiceInstaller(TestContexts.linux(home, Map.of()));
    Path unit = installer.install(false).target();
    Path wants =
        Files.createDirectories(unit.resolveSibling("default.target.wants"))
            .resolve("rolekeeper.service");
    Files.createSymbolicLink(wants, unit);

    ServiceInstaller.UninstallResult result = installer.uninstall(false);

    Path copy = home.resolve(".local/share/rolekeeper/" + BuildInfo.current().version());
    assertThat(result.removed()).containsExactlyInAnyOrder(unit, wants, copy);
    assertThat(unit).doesNotExist();
    assertThat(home.resolve(".local/share/rolekeeper")).doesNotExist();
    assertThat(Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(home.resolve(".local/state/rolekeeper")).isDirectory();
    assertThat(result.stopCommand())
        .isEqualTo("systemctl --user stop rolekeeper.service; systemctl --user daemon-reload");
  }

  @Test
  void uninstall_dryRun_removesNothing() throws IOException {
    Path home = TestContexts.newHome(temp);
    ServiceInstaller installer = new ServiceInstaller(TestContexts.linux(home, Map.of()));
    Path unit = installer.install(false).target();

    ServiceInstaller.UninstallResult result = installer.uninstall(true);

    assertThat(result.removed()).containsExactly(unit, installer.install(true).programDir());
    assertThat(unit).exists();
    assertThat(installer.install(true).programDir().resolve("rolekeeper.jar")).isRegularFile();
  }

  @Test
  void uninstall_nothingInstalled_removesNothing() throws IOException {
    ServiceInstaller.UninstallResult result =
        new ServiceInstaller(TestContexts.linux(TestContexts.newHome(temp), Map.of()))
            .uninstall(false);

    assertThat(result.removed()).isEmpty();
  }

  @Test
  void install_macos_writesPlistAndLogDir() throws IOException {
    Path home = TestContexts.newHome(temp);
    ServiceInstaller installer = new ServiceInstaller(TestContexts.macos(home));

    ServiceInstaller.InstallResult result = installer.install(false);

    assertThat(result.target())
        .isEqualTo(home.resolve("Library/LaunchAgents/dev.rolekeeper.agent.plist"))
        .exists();
    assertThat(home.resolve("Library/Logs/rolekeeper")).isDirectory();
    assertThat(home.resolve("Library/Application Support/rolekeeper")).isDirectory();
    assertThat(installer.uninstall(false).stopCommand())
        .isEqualTo("launchctl bootout gui/$(id -u)/dev.rolekeeper.agent");
    assertThat(result.target()).doesNotExist();
  }

  @Test
  void install_stateDirPathIsAFile_failsNamingIt() throws IOException {
    Path home = TestContexts.newHome(temp);
    Files.createDirectories(home.resolve(".local/state"));
    Files.writeString(home.resolve(".local/state/rolekeeper"), "not a dir");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ServiceInstaller(TestContexts.linux(home, Map.of())).install(false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(home.resolve(".local/state/rolekeeper").toString());
    assertThat(List.of(home.resolve(".config"))).allSatisfy(p -> assertThat(p).doesNotExist());
  }
}

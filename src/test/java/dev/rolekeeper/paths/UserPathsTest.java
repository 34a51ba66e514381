package dev.rolekeeper.paths;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.os.Os;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserPathsTest {

  private static UserPaths linux(String... env) {
    return UserPaths.of(Os.LINUX, map(env), "/nonexistent/user.home");
  }

  private static Map<String, String> map(String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static final UserPaths ANN = linux("HOME", "/home/ann");

  @Test
  void home_isHomeWhenAbsolute_elseUserHome() {
    assertThat(ANN.home()).isEqualTo(Path.of("/home/ann"));
    assertThat(linux().home()).isEqualTo(Path.of("/nonexistent/user.home"));
    assertThat(linux("HOME", "  ").home()).isEqualTo(Path.of("/nonexistent/user.home"));
    assertThat(linux("HOME", "rel").home()).isEqualTo(Path.of("/nonexistent/user.home"));
    assertThat(linux().stateDir(Optional.empty()))
        .isEqualTo(Path.of("/nonexistent/user.home/.local/state/rolekeeper"));
  }

  @Test
  void settingsFile_commandLine_isRequiredAndAbsolute() {
    UserPaths.SettingsFile f = ANN.settingsFile(Optional.of(Path.of("my.yaml")));
    assertThat(f.required()).isTrue();
    assertThat(f.path()).isAbsolute().hasFileName("my.yaml");
  }

  @Test
  void settingsFile_xdgConfigHome_isOptional_andIgnoredWhenRelative() {
    assertThat(linux("HOME", "/home/ann", "XDG_CONFIG_HOME", "/cfg").settingsFile(Optional.empty()))
        .isEqualTo(new UserPaths.SettingsFile(Path.of("/cfg/rolekeeper/config.yaml"), false));
    assertThat(
            linux("HOME", "/home/ann", "XDG_CONFIG_HOME", "cfg")
                .settingsFile(Optional.empty())
                .path())
        .isEqualTo(Path.of("/home/ann/.config/rolekeeper/config.yaml"));
  }

  @Test
  void stateDir_followsSettingThenXdgThenHome() {
    assertThat(ANN.stateDir(Optional.of("~/st"))).isEqualTo(Path.of("/home/ann/st"));
    assertThat(ANN.stateDir(Optional.of("/srv/st"))).isEqualTo(Path.of("/srv/st"));
    assertThat(linux("HOME", "/home/ann", "XDG_STATE_HOME", "/xs").stateDir(Optional.empty()))
        .isEqualTo(Path.of("/xs/rolekeeper"));
    assertThat(linux("HOME", "/home/ann", "XDG_STATE_HOME", "xs").stateDir(Optional.empty()))
        .isEqualTo(Path.of("/home/ann/.local/state/rolekeeper"));
    assertThat(ANN.stateDir(Optional.empty()))
        .isEqualTo(Path.of("/home/ann/.local/state/rolekeeper"));
  }

  /**
   * The daemon and the CLI always used XDG's state directory, on macOS too (as the README says):
   * the installer, which used Application Support there, now agrees with them.
   */
  @Test
  void macos_stateDirIsXdgAsOnLinux_installRootIsApplicationSupport() {
    UserPaths mac = UserPaths.of(Os.MACOS, Map.of("HOME", "/Users/ann"), "/x");
    assertThat(mac.stateDir(Optional.empty()))
        .isEqualTo(Path.of("/Users/ann/.local/state/rolekeeper"));
    assertThat(mac.installRoot())
        .isEqualTo(Path.of("/Users/ann/Library/Application Support/rolekeeper"));
    assertThat(mac.launchAgents()).isEqualTo(Path.of("/Users/ann/Library/LaunchAgents"));
  }

  @Test
  void installRoot_onLinux_isXdgData() {
    assertThat(ANN.installRoot()).isEqualTo(Path.of("/home/ann/.local/share/rolekeeper"));
    assertThat(linux("HOME", "/home/ann", "XDG_DATA_HOME", "/d").installRoot())
        .isEqualTo(Path.of("/d/rolekeeper"));
    assertThat(linux("HOME", "/home/ann", "XDG_CONFIG_HOME", "/c").systemdUserUnits())
        .isEqualTo(Path.of("/c/systemd/user"));
  }

  @Test
  void awsFiles_noOverrides_useHomeDotAws() {
    assertThat(ANN.awsFiles())
        .isEqualTo(
            new UserPaths.AwsFiles(
                Path.of("/home/ann/.aws/config"), Path.of("/home/ann/.aws/credentials")));
  }

  @Test
  void awsFiles_overrides_absoluteVerbatim_tildeExpanded_blankIgnored_relativeMadeAbsolute() {
    assertThat(
            linux(
                    "HOME", "/home/ann",
                    "AWS_CONFIG_FILE", "/etc/aws/cfg",
                    "AWS_SHARED_CREDENTIALS_FILE", " ~/work/creds ")
                .awsFiles())
        .isEqualTo(
            new UserPaths.AwsFiles(Path.of("/etc/aws/cfg"), Path.of("/home/ann/work/creds")));
    assertThat(linux("HOME", "/home/ann", "AWS_CONFIG_FILE", "~").awsFiles().configFile())
        .isEqualTo(Path.of("/home/ann"));
    assertThat(linux("HOME", "/home/ann", "AWS_CONFIG_FILE", "  ").awsFiles().configFile())
        .isEqualTo(Path.of("/home/ann/.aws/config"));
    assertThat(
            linux("HOME", "/home/ann", "AWS_SHARED_CREDENTIALS_FILE", "rel/creds")
                .awsFiles()
                .credentialsFile())
        .isAbsolute()
        .endsWithRaw(Path.of("rel/creds"));
  }

  @Test
  void syncFile_followsSettingThenAwsVariableThenHome() {
    UserPaths env = linux("HOME", "/home/ann", "AWS_SHARED_CREDENTIALS_FILE", "/aws/creds");
    assertThat(env.syncFile(Optional.of("/x/credentials"))).isEqualTo(Path.of("/x/credentials"));
    assertThat(env.syncFile(Optional.of("~/c"))).isEqualTo(Path.of("/home/ann/c"));
    assertThat(env.syncFile(Optional.empty())).isEqualTo(Path.of("/aws/creds"));
    assertThat(ANN.syncFile(Optional.empty())).isEqualTo(Path.of("/home/ann/.aws/credentials"));
  }

  @Test
  void display_pathUnderHome_startsWithTilde() {
    assertThat(ANN.display(Path.of("/home/ann/.config/rolekeeper/config.yaml")))
        .isEqualTo("~/.config/rolekeeper/config.yaml");
    assertThat(ANN.display(Path.of("/etc/rolekeeper.yaml"))).isEqualTo("/etc/rolekeeper.yaml");
  }

  @Test
  void toString_leavesOutTheEnvironment() {
    assertThat(linux("HOME", "/h", "AWS_SECRET_ACCESS_KEY", "s3cr3t").toString())
        .doesNotContain("s3cr3t");
  }
}

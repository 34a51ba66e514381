package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.paths.UserPaths;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's and installer's quick look at the path settings finds the directories the daemon's full
 * settings load would.
 */
@ExtendWith(VertxExtension.class)
class PathSettingsTest {

  @TempDir Path home;

  private Map<String, String> env(String... pairs) {
    Map<String, String> env =
        new HashMap<>(
            Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("cfg").toString()));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Path userFile(String yaml) throws Exception {
    Path file = home.resolve("cfg/rolekeeper/config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return file;
  }

  private static Path daemonWouldUse(Vertx vertx, Optional<Path> config, Map<String, String> env) {
    Settings settings = SettingsLoader.loadOnce(vertx, config, env).await();
    return UserPaths.of(env).stateDir(settings.daemon().stateDir());
  }

  private static Path quickStateDir(Map<String, String> env, Optional<Path> config) {
    UserPaths paths = UserPaths.of(env);
    return paths.stateDir(PathSettings.read(paths, config).stateDir());
  }

  private void assertAgrees(
      Vertx vertx, Optional<Path> config, Map<String, String> env, Path expected) {
    assertThat(quickStateDir(env, config))
        .isEqualTo(expected)
        .isEqualTo(daemonWouldUse(vertx, config, env));
  }

  @Test
  void syncFile_userFile_agreesWithTheDaemon_andEnvironmentWins(Vertx vertx) throws Exception {
    userFile("sync:\n  file: ~/synced/credentials\n");
    Settings settings = SettingsLoader.loadOnce(vertx, Optional.empty(), env()).await();
    UserPaths paths = UserPaths.of(env());
    assertThat(paths.syncFile(PathSettings.read(paths, Optional.empty()).syncFile()))
        .isEqualTo(home.resolve("synced/credentials"))
        .isEqualTo(paths.syncFile(settings.served().sync().file()));
    UserPaths withVariable = UserPaths.of(env("ROLEKEEPER_SYNC_FILE", "/env/creds"));
    assertThat(PathSettings.read(withVariable, Optional.empty()).syncFile()).contains("/env/creds");
    assertThat(PathSettings.inFile(withVariable, Optional.empty()).syncFile())
        .contains("~/synced/credentials");
  }

  @Test
  void stateDir_nothingSet_isUnderHomeLocalState(Vertx vertx) {
    assertAgrees(vertx, Optional.empty(), env(), home.resolve(".local/state/rolekeeper"));
  }

  @Test
  void stateDir_xdgStateHome_isUnderIt(Vertx vertx) {
    assertAgrees(
        vertx,
        Optional.empty(),
        env("XDG_STATE_HOME", home.resolve("st").toString()),
        home.resolve("st/rolekeeper"));
  }

  @Test
  void stateDir_userFileTildePath_isExpanded(Vertx vertx) throws Exception {
    userFile("logLevel: DEBUG\nstateDir: ~/my-state\n");
    assertAgrees(vertx, Optional.empty(), env(), home.resolve("my-state"));
  }

  @Test
  void stateDir_userFileEmptyValue_isTheDefault(Vertx vertx) throws Exception {
    userFile("stateDir: \"\"\n");
    assertAgrees(vertx, Optional.empty(), env(), home.resolve(".local/state/rolekeeper"));
  }

  @Test
  void stateDir_configOption_winsOverUserFile(Vertx vertx) throws Exception {
    userFile("stateDir: /from-user-file\n");
    Path other = home.resolve("other.yaml");
    Files.writeString(other, "# only comments\nstateDir: " + home.resolve("from-option") + "\n");
    assertAgrees(vertx, Optional.of(other), env(), home.resolve("from-option"));
  }

  @Test
  void stateDir_environmentVariable_winsOverFile(Vertx vertx) throws Exception {
    userFile("stateDir: /from-user-file\n");
    assertAgrees(
        vertx,
        Optional.empty(),
        env("ROLEKEEPER_STATEDIR", home.resolve("from-env").toString()),
        home.resolve("from-env"));
  }

  @Test
  void stateDir_relativeValue_isRefusedNamingTheKey() throws Exception {
    userFile("stateDir: relative/dir\n");
    assertThatThrownBy(() -> quickStateDir(env(), Optional.empty()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("stateDir")
        .hasMessageContaining("absolute");
  }

  @Test
  void stateDir_missingConfigOptionFile_isAnError() {
    Path missing = home.resolve("missing.yaml");
    assertThatThrownBy(() -> quickStateDir(env(), Optional.of(missing)))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("missing.yaml")
        .hasMessageContaining("no such file");
  }

  @Test
  void stateDir_fileThatIsNotYaml_isAnErrorNamingTheFile() throws Exception {
    userFile("stateDir: [unclosed\n");
    assertThatThrownBy(() -> quickStateDir(env(), Optional.empty()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("config.yaml")
        .hasMessageContaining("YAML");
  }

  @Test
  void stateDir_fileOverTheLimit_isAnErrorNamingTheFileAndTheLimit() throws Exception {
    userFile("# padding\n".repeat(120_000) + "stateDir: /tmp/x\n");
    assertThatThrownBy(() -> quickStateDir(env(), Optional.empty()))
        .isInstanceOf(SettingsException.class)
        .hasMessageEndingWith("config.yaml: larger than 1 MiB, the most rolekeeper reads of it");
  }
}

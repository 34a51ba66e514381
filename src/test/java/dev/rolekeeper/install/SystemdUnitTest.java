package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.daemon.AlreadyRunningException;
import dev.rolekeeper.daemon.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {

  @TempDir Path temp;

  @Test
  void render_realPaths_execStartRunsJarWithDaemonFlags() throws IOException {
    ServiceContext context = TestContexts.linux(TestContexts.newHome(temp), Map.of());
    String unit = ServiceDefinition.forContext(context).render();

    String expected =
        "ExecStart=\""
            + TestContexts.realJava()
            + "\" \""
            + String.join("\" \"", JvmFlags.DAEMON)
            + "\" \"-XX:ErrorFile=%h/.local/state/rolekeeper/hs_err_pid%%p.log\" \"-jar\" \""
            + context.jar()
            + "\" \"run\"";
    // context.jar() lies outside the home here, so it stays absolute.
    assertThat(unit).contains(expected).doesNotContainPattern("@[A-Z_]+@");
  }

  @Test
  void render_defaultDirs_readWritePathsNameStateDirAndOptionalAwsDir() throws IOException {
    Path home = TestContexts.newHome(temp);
    String unit = ServiceDefinition.forContext(TestContexts.linux(home, Map.of())).render();

    assertThat(unit).contains("ReadWritePaths=\"%h/.local/state/rolekeeper\" \"-%h/.aws\"\n");
  }

  @Test
  void render_xdgAndAwsEnv_honouredAndCarriedIntoUnit() throws IOException {
    Path home = TestContexts.newHome(temp);
    Map<String, String> env =
        Map.of(
            "XDG_STATE_HOME",
            "/srv/state",
            "XDG_CONFIG_HOME",
            "/srv/conf",
            "AWS_SHARED_CREDENTIALS_FILE",
            "/srv/aws/creds");
    SystemdUnit unit = (SystemdUnit) ServiceDefinition.forContext(TestContexts.linux(home, env));

    assertThat(unit.target()).isEqualTo(Path.of("/srv/conf/systemd/user/rolekeeper.service"));
    assertThat(unit.render())
        .contains("ReadWritePaths=\"/srv/state/rolekeeper\" \"-/srv/aws\" \"-%h/.aws/sso/cache\"\n")
        .contains("Environment=\"AWS_SHARED_CREDENTIALS_FILE=/srv/aws/creds\"");
  }

  /**
   * ProtectSystem=strict blocks every write outside ReadWritePaths: they follow the settings file
   * the daemon reads, not the installing shell's ROLEKEEPER_* variables, which the service lacks.
   */
  @Test
  void render_stateDirAndSyncFileInSettingsFile_areTheWritablePaths() throws IOException {
    Path home = TestContexts.newHome(temp);
    Path settings = home.resolve(".config/rolekeeper/config.yaml");
    Files.createDirectories(settings.getParent());
    Files.writeString(
        settings, "stateDir: /srv/rk-state\nsync:\n  file: ~/dotfiles/aws/credentials\n");
    String unit =
        ServiceDefinition.forContext(
                TestContexts.linux(home, Map.of("ROLEKEEPER_STATEDIR", "/not/the/service's")))
            .render();

    assertThat(unit)
        .contains(
            "ReadWritePaths=\"/srv/rk-state\" \"-%h/dotfiles/aws\" \"-%h/.aws/sso/cache\"\n",
            "-XX:ErrorFile=/srv/rk-state/hs_err_pid%%p.log");
  }

  @Test
  void render_awsFileWithTilde_carriedResolved() throws IOException {
    Path home = TestContexts.newHome(temp);
    String unit =
        ServiceDefinition.forContext(
                TestContexts.linux(home, Map.of("AWS_CONFIG_FILE", "~/work/aws-config")))
            .render();

    assertThat(unit).contains("Environment=\"AWS_CONFIG_FILE=%h/work/aws-config\"\n");
  }

  @Test
  void quoteExecArg_specialCharacters_escapedForSystemd() {
    assertThat(SystemdUnit.quoteExecArg("/opt/50% off/$HOME \"x\"\\y"))
        .isEqualTo("\"/opt/50%% off/$$HOME \\\"x\\\"\\\\y\"");
  }

  @Test
  void quote_lineBreak_refusedNamingPath() {
    assertThatThrownBy(() -> SystemdUnit.quote("/a\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
  }

  @Test
  void render_hardening_presentAndNoMemoryDenyWriteExecute() throws IOException {
    String unit =
        ServiceDefinition.forContext(TestContexts.linux(TestContexts.newHome(temp), Map.of()))
            .render();

    assertThat(unit)
        .contains(
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "PrivateTmp=yes",
            "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK\n",
            "LockPersonality=yes",
            "Restart=on-failure",
            "PassEnvironment=DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY",
            "WantedBy=default.target",
            "RestartPreventExitStatus=" + AlreadyRunningException.EXIT_STATUS + "\n",
            "\nUMask=0077\n")
        .doesNotContainPattern("(?m)^MemoryDenyWriteExecute");
  }

  @Test
  void render_documentation_noWebAddressThatMayNotExist() throws IOException {
    String unit =
        ServiceDefinition.forContext(TestContexts.linux(TestContexts.newHome(temp), Map.of()))
            .render();

    // The Debian package adds a file: URL of its installed README (packaging/deb-check checks it
    // exists); a unit written by install-service has no installed README to name.
    assertThat(unit).doesNotContainPattern("(?m)^Documentation=");
  }

  @Test
  void contextToString_secretInEnvironment_leftOut() throws IOException {
    ServiceContext context =
        TestContexts.linux(
            TestContexts.newHome(temp),
            Map.of("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    assertThat(context.toString()).doesNotContain("wJalrXUtnFEMI").contains("home=");
  }
}

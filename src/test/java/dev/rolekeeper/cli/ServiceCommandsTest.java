package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.install.ServiceContext;
import dev.rolekeeper.os.Os;
import dev.rolekeeper.paths.UserPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServiceCommandsTest {

  @TempDir Path temp;
  private Path home;
  private ServiceContext context;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(temp.resolve("home"));
    Path jar = Files.createFile(temp.resolve("rolekeeper.jar"));
    context =
        ServiceContext.of(
            UserPaths.of(Os.LINUX, Map.of(), home.toString()),
            Path.of(System.getProperty("java.home"), "bin", "java"),
            jar);
  }

  @Test
  void installService_dryRun_printsUnitAndCommandWritesNothing() throws Exception {
    int code = cli(new InstallServiceCommand(() -> context)).execute("--dry-run");

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith(
            "Would copy the program to "
                + home.resolve(".local/share/rolekeeper/" + context.version())
                + System.lineSeparator()
                + "Would write "
                + home.resolve(".config/systemd/user/rolekeeper.service")
                + ":")
        .contains(
            "[Service]",
            "ExecStart=",
            "\"-jar\" \"%h/.local/share/rolekeeper/"
                + context.version()
                + "/rolekeeper.jar\" \"run\"")
        .endsWith(
            "  systemctl --user daemon-reload && systemctl --user enable --now rolekeeper.service"
                + System.lineSeparator());
    try (Stream<Path> files = Files.list(home)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void installService_thenUninstall_writesThenRemoves() {
    assertThat(cli(new InstallServiceCommand(() -> context)).execute()).isZero();
    assertThat(out.toString())
        .startsWith("Copied the program to ")
        .contains("Wrote ", "Enable and start it with:");
    assertThat(home.resolve(".config/systemd/user/rolekeeper.service")).exists();

    assertThat(cli(new UninstallServiceCommand(() -> context)).execute()).isZero();
    assertThat(out.toString())
        .contains(
            "Removed " + home.resolve(".config/systemd/user/rolekeeper.service"),
            "systemctl --user stop rolekeeper.service",
            "Kept the state directory "
                + context.stateDir()
                + " and the logs (journalctl --user -u rolekeeper.service)");
    assertThat(home.resolve(".config/systemd/user/rolekeeper.service")).doesNotExist();
  }

  @Test
  void uninstallService_nothingInstalled_saysSo() {
    assertThat(cli(new UninstallServiceCommand(() -> context)).execute("--dry-run")).isZero();
    assertThat(out.toString()).contains("No rolekeeper service file is installed.");
  }

  @Test
  void installService_notRunFromJar_clearErrorExit1() {
    int code =
        cli(new InstallServiceCommand(
                () -> {
                  throw new IllegalStateException("rolekeeper is not running from its jar");
                }))
            .execute();

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("install-service: rolekeeper is not running from its jar");
  }

  @Test
  void currentContext_fromClassesDirectory_refusesNamingLocation() {
    org.assertj.core.api.Assertions.assertThatThrownBy(ServiceContext::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not running from its jar");
  }

  private CommandLine cli(Object command) {
    return new CommandLine(command)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
  }
}

package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.cli.InstallServiceCommand;
import dev.rolekeeper.daemon.Processes;
import dev.rolekeeper.daemon.TestContexts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * systemd-analyze verify exits 0 even on unknown keys, so any output at all counts as a failure
 * here.
 */
class SystemdAnalyzeVerifyTest {

  @TempDir Path temp;
  private Path analyze;

  @BeforeEach
  void needsSystemdAnalyze() {
    Optional<Path> found = Processes.onPath("systemd-analyze");
    assumeTrue(
        found.isPresent(),
        "systemd-analyze is not installed (Debian package 'systemd'): unit not verified");
    analyze = found.get();
  }

  @Test
  void verify_unitFromInstallServiceDryRun_noOutput() throws Exception {
    Path home = TestContexts.newHome(temp);
    ServiceContext context = TestContexts.linux(home, Map.of());
    StringWriter out = new StringWriter();
    CommandLine cli =
        new CommandLine(new InstallServiceCommand(() -> context)).setOut(new PrintWriter(out));

    assertThat(cli.execute("--dry-run")).isZero();
    String printed = out.toString();
    String unit = printed.substring(printed.indexOf(":\n") + 2, printed.indexOf("\nThen enable"));
    Processes.Result result = verify(unit);

    assertThat(result.output()).as("systemd-analyze verify output").isEmpty();
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void verify_unitWithUnknownKey_reportsIt() throws Exception {
    String unit =
        ServiceDefinition.forContext(TestContexts.linux(TestContexts.newHome(temp), Map.of()))
            .render()
            .replace("LockPersonality=yes", "LockPersonality=yes\nLockPersonalityy=yes");

    assertThat(verify(unit).output()).contains("LockPersonalityy");
  }

  private Processes.Result verify(String unit) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(temp.resolve("verify"));
    Path file = Files.writeString(dir.resolve(SystemdUnit.UNIT_NAME), unit);
    Path runtime =
        Files.createDirectory(
            temp.resolve("runtime"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    return Processes.run(
        List.of(analyze.toString(), "verify", "--user", file.toString()),
        Map.of("XDG_RUNTIME_DIR", runtime.toString(), "SYSTEMD_LOG_COLOR", "0"));
  }
}

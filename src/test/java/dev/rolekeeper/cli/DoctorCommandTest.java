package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.install.ServiceContext;
import dev.rolekeeper.install.ServiceInstaller;
import dev.rolekeeper.os.Os;
import dev.rolekeeper.paths.UserPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rolekeeper doctor} against a running demo daemon and its STS simulator: every check
 * reported, exit 1 while the service is missing, exit 0 once it is installed and enabled, exit 1
 * again for one problem made on purpose.
 */
class DoctorCommandTest {

  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private Run doctor(Map<String, String> env, Path stateDir) {
    StringWriter out = new StringWriter();
    CommandLine line = new CommandLine(new DoctorCommand(env)).setOut(new PrintWriter(out, true));
    int exit = line.execute("--state-dir", stateDir.toString());
    return new Run(exit, out.toString());
  }

  @Test
  void doctor_besideTheDemo_reportsEachCheck_exitZeroOnlyWhenNothingNeedsFixing() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    try (DemoProcess demo =
        DemoProcess.start(
            dir,
            "AWS_DEFAULT_REGION",
            "--port",
            "0",
            "--state-dir",
            dir.resolve("demo").toString())) {
      Path state = dir.resolve("demo");
      Map<String, String> env =
          Map.of(
              "HOME",
              home.toString(),
              "PATH",
              "/usr/bin:/bin",
              "XDG_CONFIG_HOME",
              home.resolve(".config").toString(),
              "AWS_ENDPOINT_URL_STS",
              demo.export("AWS_ENDPOINT_URL_STS"),
              "AWS_CONFIG_FILE",
              home.resolve(".aws/config").toString(),
              "AWS_SHARED_CREDENTIALS_FILE",
              home.resolve(".aws/credentials").toString());

      Run besideTheDemo = doctor(env, state);

      assertThat(besideTheDemo.exit()).as(besideTheDemo.out()).isZero();
      assertThat(besideTheDemo.out())
          .contains(
              "ok    daemon: runs (pid ",
              "ok    credential chain: ",
              "ok    proxy: no HTTP proxy set",
              "note  D-Bus session: ",
              "ok    clock: within ",
              "ok    permissions: ",
              "note  service: not installed, as expected beside the demo")
          .endsWith("Nothing to fix." + System.lineSeparator());

      Path jar = Files.writeString(dir.resolve("rolekeeper.jar"), "jar");
      ServiceInstaller.InstallResult unit =
          new ServiceInstaller(
                  ServiceContext.of(
                      UserPaths.of(Os.LINUX, env, home.toString()),
                      Path.of(System.getProperty("java.home"), "bin", "java"),
                      jar))
              .install(false);
      Files.createSymbolicLink(
          Files.createDirectories(unit.target().resolveSibling("default.target.wants"))
              .resolve("rolekeeper.service"),
          unit.target());

      Run healthy = doctor(env, state);

      assertThat(healthy.exit()).as(healthy.out()).isZero();
      assertThat(healthy.out())
          .contains("ok    service: installed and enabled")
          .endsWith("Nothing to fix." + System.lineSeparator())
          .doesNotContain("FIX");

      Map<String, String> proxied = new java.util.HashMap<>(env);
      proxied.put("HTTPS_PROXY", "http://proxy.invalid:3128");
      Run proxyProblem = doctor(proxied, state);

      assertThat(proxyProblem.exit()).isEqualTo(1);
      assertThat(proxyProblem.out())
          .contains("FIX   proxy: HTTPS_PROXY set, but NO_PROXY does not cover 127.0.0.1");
    }
  }
}

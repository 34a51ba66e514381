package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.daemon.Processes;
import dev.rolekeeper.daemon.TestContexts;
import dev.rolekeeper.logging.LogMode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchdAgentTest {

  private static final String PLIST_TO_JSON =
      "import plistlib, json, sys\nprint(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))\n";

  @TempDir Path temp;

  @Test
  void installedPlist_parsedByPlistlib_namesExistingPathsAndRestartsOnCrash() throws Exception {
    Optional<Path> python = Processes.onPath("python3");
    assumeTrue(python.isPresent(), "python3 is not installed: plist not parsed");
    Path home = TestContexts.newHome(temp);
    ServiceContext context = TestContexts.macos(home);
    ServiceInstaller.InstallResult result = new ServiceInstaller(context).install(false);

    Path script = Files.writeString(temp.resolve("plist2json.py"), PLIST_TO_JSON);
    Processes.Result parsed =
        Processes.run(
            List.of(python.get().toString(), script.toString(), result.target().toString()),
            Map.of());
    assertThat(parsed.exitCode()).as(parsed.output()).isZero();
    JsonObject plist = new JsonObject(parsed.output());

    JsonArray args = plist.getJsonArray("ProgramArguments");
    assertThat(plist.getString("Label")).isEqualTo(LaunchdAgent.LABEL);
    assertThat(plist.getBoolean("RunAtLoad")).isTrue();
    assertThat(plist.getJsonObject("KeepAlive").getBoolean("SuccessfulExit")).isFalse();
    assertThat(Path.of(args.getString(0))).isExecutable().isEqualTo(TestContexts.realJava());
    assertThat(Path.of(args.getString(args.size() - 2)))
        .isRegularFile()
        .isEqualTo(
            home.resolve(
                "Library/Application Support/rolekeeper/" + context.version() + "/rolekeeper.jar"));
    assertThat(args.getString(args.size() - 1)).isEqualTo("run");
    assertThat(args.getString(args.size() - 4))
        .isEqualTo("-XX:ErrorFile=" + context.stateDir().resolve("hs_err_pid%p.log"));
    assertThat(plist.getInteger("Umask")).as("umask 077").isEqualTo(0077);
    assertThat(Path.of(plist.getString("StandardOutPath")).getParent()).isDirectory();
    assertThat(
            Path.of(plist.getJsonObject("EnvironmentVariables").getString(LogMode.LOG_FILE_ENV))
                .getParent())
        .isDirectory();
    assertThat(context.stateDir()).isDirectory();
  }

  @Test
  void renderedPlist_plistutil_convertsToBinary() throws Exception {
    Optional<Path> plistutil = Processes.onPath("plistutil");
    assumeTrue(
        plistutil.isPresent(), "plistutil is not installed (Debian package 'libplist-utils')");
    Path file =
        Files.writeString(
            temp.resolve("agent.plist"),
            ServiceDefinition.forContext(TestContexts.macos(TestContexts.newHome(temp))).render());
    Path binary = temp.resolve("agent.bplist");

    Processes.Result result =
        Processes.run(
            List.of(
                plistutil.get().toString(),
                "-i",
                file.toString(),
                "-o",
                binary.toString(),
                "-f",
                "bin"),
            Map.of());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(Files.readString(binary, java.nio.charset.StandardCharsets.ISO_8859_1))
        .startsWith("bplist00");
  }

  @Test
  void render_pathsNeedingXmlEscapes_escaped() throws Exception {
    Path home = Files.createDirectories(temp.resolve("R&D <team>"));
    String plist = ServiceDefinition.forContext(TestContexts.macos(home)).render();

    assertThat(plist)
        .contains("R&amp;D &lt;team&gt;/Library/Logs/rolekeeper/launchd.log")
        .doesNotContain("R&D");
  }

  @Test
  void enableCommand_homeWithQuote_shellQuoted() throws Exception {
    Path home = Files.createDirectories(temp.resolve("o'neil"));
    String command = ServiceDefinition.forContext(TestContexts.macos(home)).enableCommand();

    assertThat(command)
        .startsWith("launchctl bootstrap gui/$(id -u) '")
        .contains("o'\\''neil")
        .endsWith("/Library/LaunchAgents/dev.rolekeeper.agent.plist'");
  }
}

package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.install.BuildInfo;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a person uses it: unpacked into an empty directory, the launcher symlinked
 * into a PATH directory of a fresh home, run from elsewhere with only a Java runtime (no Maven, no
 * sources).
 *
 * <p>Runs after {@code package} (failsafe); skipped when the archive was not built.
 */
class ReleaseArchiveIT {

  private static final Path ARCHIVE =
      Path.of("target", "rolekeeper-" + BuildInfo.current().version() + ".tar.gz");

  @TempDir Path dir;

  private Path home;
  private Path unpacked;
  private Process demo;

  @BeforeEach
  void unpackAndLink() throws Exception {
    assumeTrue(Files.isRegularFile(ARCHIVE), "no " + ARCHIVE + ": run mvn package first");
    Path into = Files.createDirectories(dir.resolve("opt"));
    assertThat(
            run(new ProcessBuilder(
                    "tar", "xzf", ARCHIVE.toAbsolutePath().toString(), "-C", into.toString()))
                .exitValue())
        .isZero();
    unpacked = into.resolve("rolekeeper-" + BuildInfo.current().version());
    home = Files.createDirectories(dir.resolve("home"));
    Path bin = Files.createDirectories(home.resolve(".local/bin"));
    Files.createSymbolicLink(bin.resolve("rolekeeper"), unpacked.resolve("bin/rolekeeper"));
  }

  @AfterEach
  void stopDemo() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void archive_holdsLauncherJarSettingsTemplatesCompletionAndReadme_andNoSources()
      throws Exception {
    assertThat(Files.isExecutable(unpacked.resolve("bin/rolekeeper"))).isTrue();
    for (String file :
        List.of(
            "lib/rolekeeper.jar",
            "config/rolekeeper.yaml",
            "config/example.yaml",
            "systemd/rolekeeper.service",
            "launchd/dev.rolekeeper.agent.plist",
            "completion/rolekeeper.bash",
            "README.md")) {
      assertThat(unpacked.resolve(file)).as(file).isRegularFile();
    }
    assertThat(unpacked.resolve("pom.xml")).doesNotExist();
    assertThat(unpacked.resolve("src")).doesNotExist();
    assertThat(Files.readString(unpacked.resolve("completion/rolekeeper.bash")))
        .contains("install-service", "demo");
  }

  @Test
  void versionThroughSymlink_fromAnotherDirectory_printsVersionCommitAndDate() throws Exception {
    ProcessBuilder builder = launcher("--version").redirectErrorStream(true);
    Process process = run(builder);
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out)
        .matches(
            "(?s)rolekeeper "
                + BuildInfo.current().version().replace(".", "\\.")
                + " \\(commit ([0-9a-f]{7,}(-dirty)?|unknown), built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, Java .*");
  }

  @Test
  void demoThroughSymlink_withFreshHome_servesTheDemoRole() throws Exception {
    ProcessBuilder builder =
        launcher("demo", "--port", "0").redirectError(dir.resolve("demo.err").toFile());
    demo = builder.start();

    Map<String, String> exports = readExports(demo);
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(exports.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")))
                    .header("Authorization", exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("AccessKeyId")).startsWith("ASIA");
    assertThat(exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")).startsWith(home.toString());
    demo.destroy();
    assertThat(demo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(dir.resolve("demo.err"))).doesNotContain("Maven");
  }

  @Test
  void installServiceFromArchive_runsACopyInTheHome_survivesRemovingTheArchive_uninstallRemovesIt()
      throws Exception {
    String version = BuildInfo.current().version();
    Path unit = home.resolve(".config/systemd/user/rolekeeper.service");
    Path copy = home.resolve(".local/share/rolekeeper/" + version + "/rolekeeper.jar");

    String installed = output(launcher("install-service"));

    assertThat(installed)
        .startsWith("Copied the program to " + copy.getParent() + "\nWrote " + unit + "\n");
    assertThat(Files.mismatch(copy, unpacked.resolve("lib/rolekeeper.jar"))).isEqualTo(-1L);
    assertThat(Files.readString(unit))
        .contains("\"-jar\" \"%h/.local/share/rolekeeper/" + version + "/rolekeeper.jar\" \"run\"")
        .endsWith("\n");
    Files.delete(unpacked.resolve("lib/rolekeeper.jar"));
    assertThat(copy).isRegularFile();

    String uninstalled = output(launcherFromCopy(copy, "uninstall-service"));

    assertThat(uninstalled)
        .contains(
            "Removed " + unit,
            "Removed " + copy.getParent(),
            "Kept the state directory " + home.resolve(".local/state/rolekeeper"));
    assertThat(unit).doesNotExist();
    assertThat(home.resolve(".local/share/rolekeeper")).doesNotExist();
  }

  private String output(ProcessBuilder builder) throws Exception {
    Process process = run(builder.redirectErrorStream(true));
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  /**
   * java -jar on the installed copy, as a rollback or an uninstall without the archive would run
   * it.
   */
  private ProcessBuilder launcherFromCopy(Path jar, String... args) {
    ProcessBuilder builder = launcher(args);
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    return builder.command(command);
  }

  /**
   * The launcher by its symlinked name on PATH, run from the temp directory with a fresh home and
   * Java.
   */
  private ProcessBuilder launcher(String... args) {
    // env looks the name up in the child's PATH (ProcessBuilder itself would search this JVM's
    // PATH).
    List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/env", "rolekeeper"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("AWS_")
                    || name.startsWith("ROLEKEEPER_")
                    || name.startsWith("XDG_")
                    || name.startsWith("MAVEN"));
    env.put("HOME", home.toString());
    // Java's user.home comes from the password database, not HOME: the state directory follows
    // XDG_STATE_HOME.
    env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PATH", home.resolve(".local/bin") + ":/usr/bin:/bin");
    return builder;
  }

  private static Process run(ProcessBuilder builder) throws Exception {
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", builder.command()).isTrue();
    return process;
  }

  private static Map<String, String> readExports(Process process) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(
            () -> {
              Map<String, String> exports = new LinkedHashMap<>();
              try {
                String line;
                while (!exports.containsKey("AWS_DEFAULT_REGION")
                    && (line = out.readLine()) != null) {
                  if (line.startsWith("export ")) {
                    String[] pair = line.substring("export ".length()).split("=", 2);
                    exports.put(pair[0], pair[1]);
                  }
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return exports;
            })
        .get(60, TimeUnit.SECONDS);
  }
}

package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SettingsLoaderTest {

  private static final String LABEL = "~/.config/rolekeeper/config.yaml";

  @TempDir Path home;

  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void isolateFromTheRealEnvironment() {
    env.put("HOME", home.toString());
  }

  private Path writeUserFile(String yaml) throws IOException {
    Path file = home.resolve(".config/rolekeeper/config.yaml");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, yaml);
  }

  private Future<Settings> load(Optional<Path> configFile) {
    return SettingsLoader.loadOnce(vertx, configFile, env);
  }

  private Vertx vertx;

  @BeforeEach
  void keep(Vertx vertx) {
    this.vertx = vertx;
  }

  private static void expectSettings(
      Future<Settings> f, VertxTestContext ctx, Consumer<Settings> check) {
    f.onComplete(
        ctx.succeeding(
            s ->
                ctx.verify(
                    () -> {
                      check.accept(s);
                      ctx.completeNow();
                    })));
  }

  private static void expectError(Future<?> f, VertxTestContext ctx, String expectedStart) {
    f.onComplete(
        ctx.failing(
            e ->
                ctx.verify(
                    () -> {
                      assertThat(e).isInstanceOf(SettingsException.class);
                      assertThat(e.getMessage()).startsWith(expectedStart).doesNotContain("\n");
                      ctx.completeNow();
                    })));
  }

  @Test
  void load_noUserFile_givesTheDefaultsFromTheClasspath(VertxTestContext ctx) {
    expectSettings(
        load(Optional.empty()),
        ctx,
        s -> {
          assertThat(s).isEqualTo(SettingsParser.parse(DefaultsTree.load(), "defaults"));
          assertThat(s.listen().port()).isEqualTo(9911);
        });
  }

  @Test
  void load_userFile_overridesOnlyItsKeys(VertxTestContext ctx) throws IOException {
    writeUserFile("listen:\n  port: 7000\nmfa:\n  prompts: [cli]\n");
    expectSettings(
        load(Optional.empty()),
        ctx,
        s -> {
          assertThat(s.listen()).isEqualTo(new Settings.Listen("127.0.0.1", 7000, 9912));
          assertThat(s.mfa().prompts()).containsExactly(PromptWay.CLI);
          assertThat(s.mfa().leadTime()).isEqualTo(Duration.ofMinutes(10));
        });
  }

  @Test
  void load_xdgConfigHome_isWhereTheUserFileIs(VertxTestContext ctx) throws IOException {
    Path dir = Files.createDirectories(home.resolve("xdg/rolekeeper"));
    Files.writeString(dir.resolve("config.yaml"), "region: eu-west-1\n");
    env.put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
    expectSettings(
        load(Optional.empty()), ctx, s -> assertThat(s.served().region()).contains("eu-west-1"));
  }

  @Test
  void load_environment_overridesTheFile(VertxTestContext ctx) throws IOException {
    writeUserFile("listen:\n  port: 7000\nprofiles: [a]\n");
    env.put("ROLEKEEPER_LISTEN_PORT", "7100");
    env.put("ROLEKEEPER_PROFILES", "b,c");
    env.put("ROLEKEEPER_MFA_LEADTIME", "PT20M");
    expectSettings(
        load(Optional.empty()),
        ctx,
        s -> {
          assertThat(s.listen().port()).isEqualTo(7100);
          assertThat(s.served().profiles()).containsExactly("b", "c");
          assertThat(s.mfa().leadTime()).isEqualTo(Duration.ofMinutes(20));
        });
  }

  @Test
  void load_commandLineFile_winsOverTheXdgFile(VertxTestContext ctx) throws IOException {
    writeUserFile("listen:\n  port: 7000\n");
    Path other = Files.writeString(home.resolve("other.yaml"), "listen:\n  port: 7200\n");
    expectSettings(
        load(Optional.of(other)), ctx, s -> assertThat(s.listen().port()).isEqualTo(7200));
  }

  @Test
  void load_missingCommandLineFile_isAnError(VertxTestContext ctx) {
    expectError(load(Optional.of(home.resolve("nope.yaml"))), ctx, "~/nope.yaml: no such file");
  }

  @Test
  void load_unknownKeyInFile_namesTheFile(VertxTestContext ctx) throws IOException {
    writeUserFile("listen:\n  prot: 7000\n");
    expectError(
        load(Optional.empty()),
        ctx,
        LABEL + ": listen.prot: unknown key; known keys here: host, port");
  }

  @Test
  void load_nonLoopbackHostInFile_namesTheFile(VertxTestContext ctx) throws IOException {
    writeUserFile("listen:\n  host: 0.0.0.0\n");
    expectError(
        load(Optional.empty()), ctx, LABEL + ": listen.host: 0.0.0.0 is not a loopback address");
  }

  @Test
  void load_badDurationInEnvironment_namesTheVariable(VertxTestContext ctx) throws IOException {
    writeUserFile("mfa:\n  leadTime: 5m\n");
    env.put("ROLEKEEPER_MFA_LEADTIME", "soon");
    expectError(
        load(Optional.empty()),
        ctx,
        "environment variable ROLEKEEPER_MFA_LEADTIME: mfa.leadTime: 'soon' is not a duration");
  }

  @Test
  void load_unknownEnvironmentVariable_namesIt(VertxTestContext ctx) {
    env.put("ROLEKEEPER_LISTEN_HOSTNAME", "x");
    expectError(
        load(Optional.empty()),
        ctx,
        "environment variable ROLEKEEPER_LISTEN_HOSTNAME: not a rolekeeper" + " setting");
  }

  @Test
  void load_malformedYaml_namesTheFileAndLine(VertxTestContext ctx) throws IOException {
    writeUserFile("listen:\n  port: 7000\n   host: x: y\n");
    expectError(
        load(Optional.empty()),
        ctx,
        LABEL + ": cannot be read as YAML: mapping values are not allowed here (line 3, column 8)");
  }

  @Test
  void load_fileOverTheLimit_isRefusedUnreadNamingItAndTheLimit(VertxTestContext ctx)
      throws IOException {
    writeUserFile("# padding\n".repeat(200_000) + "region: eu-west-1\n");
    expectError(
        load(Optional.empty()),
        ctx,
        LABEL + ": larger than 1 MiB, the most rolekeeper reads of it");
  }

  @Test
  void load_yamlList_isNotSettings(VertxTestContext ctx) throws IOException {
    writeUserFile("- a\n- b\n");
    expectError(load(Optional.empty()), ctx, LABEL + ": not a YAML mapping of settings");
  }

  @Test
  void load_emptyFile_givesTheDefaults(VertxTestContext ctx) throws IOException {
    writeUserFile("");
    expectSettings(load(Optional.empty()), ctx, s -> assertThat(s.listen().port()).isEqualTo(9911));
  }

  @Test
  void load_commentsOnlyFile_givesTheDefaults(VertxTestContext ctx) throws IOException {
    writeUserFile("# everything commented out\n# listen:\n#   port: 1\n");
    expectSettings(load(Optional.empty()), ctx, s -> assertThat(s.listen().port()).isEqualTo(9911));
  }

  @Test
  void load_shippedExample_isValid(VertxTestContext ctx) {
    expectSettings(
        load(Optional.of(Path.of("config/example.yaml"))),
        ctx,
        s -> {
          assertThat(s.served().profiles()).containsExactly("prod", "staging");
          assertThat(s.served().sync().targets()).containsEntry("prod", "prod-synced");
          assertThat(s.mfa().prompts().get(0)).isEqualTo(PromptWay.PROCESS);
        });
  }
}

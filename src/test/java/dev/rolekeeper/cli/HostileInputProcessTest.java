package dev.rolekeeper.cli;

import static dev.rolekeeper.cli.ChildDaemonHome.DEV;
import static dev.rolekeeper.cli.ChildDaemonHome.WITHIN;
import static dev.rolekeeper.cli.ChildDaemonHome.profile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.profiles.HostileProfiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rolekeeper run} as a real process, with the daemon's heap and stack, given inputs past
 * their limits: a 25 MiB AWS config, a 500-deep source_profile chain, a settings file too large.
 * Each gives one clear line naming the file or profile, and either a daemon that serves (the rest)
 * or an exit with a non-zero status: never a living JVM without ports.
 */
@ExtendWith(VertxExtension.class)
class HostileInputProcessTest {

  @TempDir Path home;

  private ChildDaemonHome daemon;
  private DaemonChild child;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    daemon = ChildDaemonHome.create(vertx, home);
  }

  @AfterEach
  void tearDown() throws Exception {
    daemon.close();
  }

  private int startServingDev() throws Exception {
    child = daemon.start();
    int port = daemon.awaitPort();
    daemon.until(() -> daemon.get(port, "/v1/credentials/" + DEV).statusCode() == 200);
    return port;
  }

  @Test
  void configOf25MiBAtStart_servesWithTheFileRefusedAndSaysWhyOnceInLogAndStatus()
      throws Exception {
    Files.writeString(daemon.settingsFile, daemon.settings("[" + DEV + "]"));
    HostileProfiles.writeHugeConfig(daemon.awsConfig, 25L << 20);

    child = daemon.start();
    int port = daemon.awaitPort();

    String why = daemon.awsConfig + " is larger than 1 MiB, the most rolekeeper reads of it";
    JsonObject status = daemon.status(port);
    assertThat(status.getJsonArray("reloadErrors"))
        .singleElement()
        .satisfies(e -> assertThat(((JsonObject) e).getString("error")).isEqualTo(why));
    assertThat(profile(status, DEV).getString("lastError")).contains(why);
    assertThat(daemon.get(port, "/v1/credentials/" + DEV).statusCode()).isEqualTo(503);
    // One error line at start, as for a malformed file; the served profile's warning repeats it.
    assertThat(child.output().lines().filter(line -> line.contains(" ERROR ")))
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith(why));
    assertThat(child.output()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    StringWriter out = new StringWriter();
    CommandLine cli = CommandTree.whole().setOut(new PrintWriter(out, true));
    assertThat(cli.execute("status", "--state-dir", daemon.stateDir.toString())).isZero();
    assertThat(out.toString())
        .contains("Refused files (what was read before, if anything, stays in force):")
        .containsPattern("  AWS files, \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z: " + Pattern.quote(why));
  }

  @Test
  void configJustUnderTheLimit_asDenseAsItGets_fitsTheDaemonsHeapAtStartAndReload()
      throws Exception {
    Files.writeString(daemon.settingsFile, daemon.settings("[" + DEV + "]"));
    String original = Files.readString(daemon.awsConfig);
    int profiles =
        HostileProfiles.appendDenseProfiles(daemon.awsConfig, (1 << 20) - 1, "demo-alice");

    int port = startServingDev();
    Path edited = home.resolve("edited");
    Files.writeString(edited, original);
    HostileProfiles.appendDenseProfiles(edited, (1 << 20) - 1, "demo-bob");
    Files.move(edited, daemon.awsConfig, StandardCopyOption.REPLACE_EXISTING);
    daemon.until(() -> child.output().contains("AWS files reloaded"));

    assertThat(profiles).isGreaterThan(8_000);
    assertThat(child.isAlive()).isTrue();
    assertThat(daemon.get(port, "/v1/credentials/" + DEV).statusCode()).isEqualTo(200);
    assertThat(daemon.status(port).getJsonArray("reloadErrors")).isEmpty();
  }

  @Test
  void chainOf500AtStart_servesTheOtherProfileAndNamesTheDeepOne() throws Exception {
    Files.writeString(daemon.settingsFile, daemon.settings("[" + DEV + ", deep0]"));
    Files.writeString(
        daemon.awsConfig,
        Files.readString(daemon.awsConfig) + HostileProfiles.chain("deep", 500, DEV));

    int port = startServingDev();

    JsonObject served = new JsonObject(daemon.get(port, "/v1/credentials/" + DEV).body());
    assertThat(served.getString("AccessKeyId")).startsWith("ASIA");
    assertThat(profile(daemon.status(port), "deep0").getString("lastError"))
        .startsWith("SourceUnavailable: profile 'deep0' in " + daemon.awsConfig)
        .contains("its source_profile chain is longer than 16 hops");
    assertThat(child.output()).doesNotContain("StackOverflowError").doesNotContain("\tat ");
  }

  @Test
  void settingsFileTooLargeAtStart_exits78WithOneLineNamingIt() throws Exception {
    Files.writeString(
        daemon.settingsFile, "# padding\n".repeat(120_000) + daemon.settings("[" + DEV + "]"));

    child = daemon.start();
    int exit = child.waitForExit(WITHIN.toSeconds());

    assertThat(exit).as("output:%n%s", child.output()).isEqualTo(78);
    assertThat(child.output())
        .isEqualTo(
            "rolekeeper: ~/settings.yaml: larger than 1 MiB, the most rolekeeper reads of it\n");
  }

  @Test
  void settingsFileReplacedByOneTooLarge_keepsServingAndStatusSaysWhy() throws Exception {
    Files.writeString(daemon.settingsFile, daemon.settings("[" + DEV + "]"));
    int port = startServingDev();

    Path big = home.resolve("big.yaml");
    Files.writeString(big, "# padding\n".repeat(120_000) + daemon.settings("[]"));
    Files.move(big, daemon.settingsFile, StandardCopyOption.REPLACE_EXISTING);
    daemon.until(() -> child.output().contains("Settings not reloaded"));

    String why = "~/settings.yaml: larger than 1 MiB, the most rolekeeper reads of it";
    assertThat(child.output()).contains("Settings not reloaded, keeping the previous ones: " + why);
    assertThat(daemon.status(port).getJsonArray("reloadErrors"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(((JsonObject) e).getString("input")).isEqualTo("settings");
              assertThat(((JsonObject) e).getString("error")).isEqualTo(why);
            });
    assertThat(daemon.get(port, "/v1/credentials/" + DEV).statusCode()).isEqualTo(200);
    assertThat(child.isAlive()).isTrue();
  }
}

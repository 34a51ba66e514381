package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS files past the limits: a file too large is refused unread, and a source_profile chain too
 * long is refused naming the profile, both without a stack or a heap to spare.
 */
class InputLimitsTest {

  private static final String KEYS =
      "[profile keys]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s3cr3t\n";

  @TempDir Path dir;

  @Test
  void configOf25MiB_isRefusedNamingTheFileAndTheLimit() throws Exception {
    Path config = HostileProfiles.writeHugeConfig(dir.resolve("config"), 25L << 20);

    assertThatThrownBy(() -> AwsProfiles.load(new AwsFiles(config, dir.resolve("credentials"))))
        .isInstanceOf(ProfileException.class)
        .hasMessage(config + " is larger than 1 MiB, the most rolekeeper reads of it");
  }

  @Test
  void credentialsFileAboveTheLimit_isRefusedNamingIt() throws Exception {
    Path credentials = HostileProfiles.writeHugeConfig(dir.resolve("credentials"), 2L << 20);

    assertThatThrownBy(() -> AwsProfiles.load(new AwsFiles(dir.resolve("config"), credentials)))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith(credentials + " is larger than 1 MiB");
  }

  @Test
  void chainOfSixteenHops_resolvesToTheKeysAtItsEnd() throws Exception {
    AwsProfiles profiles = loadConfig(dir, HostileProfiles.chain("hop", 16, "keys") + KEYS);

    ResolvedProfile resolved = profiles.resolve("hop0");

    int roles = 0;
    Source source = resolved.source();
    while (source instanceof Source.RoleSource parent) {
      roles++;
      source = parent.parent().source();
    }
    assertThat(roles).isEqualTo(15);
    assertThat(source).isInstanceOf(Source.StaticKeys.class);
    assertThat(resolved.role().arn()).endsWith("role/Hop0");
  }

  @Test
  void chainOfSeventeenHops_isRefusedNamingTheProfileAndTheLimit() throws Exception {
    AwsProfiles profiles = loadConfig(dir, HostileProfiles.chain("hop", 17, "keys") + KEYS);

    assertThatThrownBy(() -> profiles.resolve("hop0"))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith(
            "profile 'hop0' in "
                + dir.resolve("config")
                + ": its source_profile chain is longer than 16 hops (hop0 -> hop1 -> ")
        .hasMessageContaining("hop15 -> hop16 -> ...)")
        .hasMessageEndingWith("rolekeeper follows at most 16 hops");
    // Shorter from further down: the same file serves hop1 and the rest.
    assertThat(profiles.resolve("hop1").isRole()).isTrue();
  }

  @Test
  void chainOf500Hops_isRefusedWithoutOverflowingTheStack() throws Exception {
    AwsProfiles profiles = loadConfig(dir, HostileProfiles.chain("deep", 500, "keys") + KEYS);

    assertThatThrownBy(() -> profiles.resolve("deep0"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("profile 'deep0'")
        .hasMessageContaining("longer than 16 hops");
    assertThat(profiles.resolve("deep484").isRole()).isTrue();
  }

  @Test
  void cycleBeyondTheLimit_isStillReportedAsALoopWhenItCloses() throws Exception {
    AwsProfiles profiles = loadConfig(dir, HostileProfiles.chain("c", 3, "c1"));

    assertThatThrownBy(() -> profiles.resolve("c0"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("profile 'c2' in " + dir.resolve("config"))
        .hasMessageContaining("source_profile loop c0 -> c1 -> c2 -> c1");
  }

  @Test
  void longCycle_isReportedAsTooLongBeforeItCloses() throws Exception {
    AwsProfiles profiles = loadConfig(dir, HostileProfiles.chain("r", 40, "r0"));

    assertThatThrownBy(() -> profiles.resolve("r0"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("longer than 16 hops");
  }

  @Test
  void roleNamingItselfDeepInAChain_isALoopNamingTheWholePath() throws Exception {
    AwsProfiles profiles = loadConfig(dir, HostileProfiles.chain("s", 2, "s1"));

    assertThatThrownBy(() -> profiles.resolve("s0"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("source_profile loop s0 -> s1 -> s1");
  }
}

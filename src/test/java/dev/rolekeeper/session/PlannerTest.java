package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.profiles.AwsProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner over real ~/.aws/config and ~/.aws/credentials files: the 1-hour rule, chains and bad
 * profiles.
 */
class PlannerTest {

  private static final String ROLE = "arn:aws:iam::111122223333:role/";
  private static final String DEVICE = "arn:aws:iam::111122223333:mfa/carol";

  @TempDir Path dir;
  private Planner planner;

  @BeforeEach
  void writeFiles() throws Exception {
    Files.writeString(
        dir.resolve("config"),
        String.join(
            "\n",
            "[default]",
            "region = eu-west-1",
            "",
            "[profile hour-mfa]",
            "role_arn = " + ROLE + "ops-a",
            "source_profile = carol",
            "mfa_serial = " + DEVICE,
            "duration_seconds = 3600",
            "",
            "[profile default-length-mfa]",
            "role_arn = " + ROLE + "ops-b",
            "source_profile = carol",
            "mfa_serial = " + DEVICE,
            "",
            "[profile long-mfa]",
            "role_arn = " + ROLE + "ops-c",
            "source_profile = carol",
            "mfa_serial = " + DEVICE,
            "duration_seconds = 3601",
            "",
            "[profile chained]",
            "role_arn = " + ROLE + "readonly",
            "source_profile = long-mfa",
            "duration_seconds = 7200",
            "",
            "[profile plain]",
            "role_arn = " + ROLE + "dev",
            "source_profile = carol",
            "region = us-west-2",
            "",
            "[profile missing-source]",
            "role_arn = " + ROLE + "dev",
            "source_profile = nobody",
            "",
            "[profile loop-a]",
            "role_arn = " + ROLE + "dev",
            "source_profile = loop-b",
            "",
            "[profile loop-b]",
            "role_arn = " + ROLE + "dev",
            "source_profile = loop-a",
            ""));
    Files.writeString(
        dir.resolve("credentials"),
        String.join(
            "\n",
            "[carol]",
            "aws_access_key_id = AKIASIMCAROL00000003",
            "aws_secret_access_key = carolSecretKey00000000000000000000000003",
            ""));
    AwsProfiles profiles =
        AwsProfiles.load(new AwsFiles(dir.resolve("config"), dir.resolve("credentials")));
    planner = new Planner(profiles, "us-east-1", Map.of(), Duration.ofSeconds(5));
  }

  private Plan planOf(String profile) {
    return planner.plan(List.of(profile)).get(profile);
  }

  @Test
  void mfaProfile_atMostOneHour_sharesTheDevicesMfaSession() {
    Plan plan = planOf("hour-mfa");

    assertThat(plan).isInstanceOf(Plan.MfaSession.class);
    assertThat(plan.mfaDevice()).isEqualTo(DEVICE);
    assertThat(plan.hop().durationSeconds()).isEqualTo(3600);
    assertThat(plan.describe())
        .contains("shared MFA session of " + DEVICE, "one code serves every profile");
  }

  @Test
  void mfaProfile_noDurationGiven_oneHourDefaultSoSharedSession() {
    Plan plan = planOf("default-length-mfa");

    assertThat(plan).isInstanceOf(Plan.MfaSession.class);
    assertThat(plan.hop().durationSeconds()).isEqualTo(3600);
  }

  @Test
  void mfaProfile_overOneHour_codeOnEveryCallAndSaysWhy() {
    Plan plan = planOf("long-mfa");

    assertThat(plan).isInstanceOf(Plan.MfaPerCall.class);
    assertThat(plan.hop().durationSeconds()).isEqualTo(3601);
    assertThat(plan.describe()).contains("duration_seconds 3601", "over the 1 h");
  }

  @Test
  void chainedProfile_asksTwoHours_cappedAtOneHourAndParentPlanned() {
    Map<String, Plan> plans = planner.plan(List.of("chained"));

    assertThat(plans).containsOnlyKeys("chained", "long-mfa");
    Plan plan = plans.get("chained");
    assertThat(plan).isInstanceOf(Plan.Chained.class);
    assertThat(((Plan.Chained) plan).parentProfile()).isEqualTo("long-mfa");
    assertThat(plan.hop().durationSeconds()).isEqualTo(3600);
    assertThat(plans.get("long-mfa")).isInstanceOf(Plan.MfaPerCall.class);
  }

  @Test
  void chainOfSixteenHops_plansEveryHopParentFirst() throws Exception {
    Files.writeString(
        dir.resolve("config"),
        dev.rolekeeper.profiles.HostileProfiles.chain("hop", 16, "carol"),
        java.nio.file.StandardOpenOption.APPEND);
    Planner chains =
        new Planner(
            AwsProfiles.load(new AwsFiles(dir.resolve("config"), dir.resolve("credentials"))),
            "us-east-1",
            Map.of(),
            Duration.ofSeconds(5));

    Map<String, Plan> plans = chains.plan(List.of("hop0"));

    assertThat(List.copyOf(plans.keySet()))
        .containsExactly(
            java.util.stream.IntStream.iterate(15, i -> i >= 0, i -> i - 1)
                .mapToObj(i -> "hop" + i)
                .toArray(String[]::new));
    assertThat(plans.get("hop15")).isInstanceOf(Plan.Direct.class);
    assertThat(((Plan.Chained) plans.get("hop0")).parentProfile()).isEqualTo("hop1");
  }

  @Test
  void profileWithoutMfa_direct_withItsOwnRegion() {
    Plan plan = planOf("plain");

    assertThat(plan).isInstanceOf(Plan.Direct.class);
    assertThat(plan.mfaDevice()).isNull();
    assertThat(plan.hop().region()).isEqualTo("us-west-2");
    assertThat(plan.hop().sessionName()).isEqualTo("rolekeeper-plain");
  }

  @Test
  void missingSourceProfile_invalidNamingIt_othersStillPlanned() {
    Map<String, Plan> plans = planner.plan(List.of("missing-source", "plain"));

    assertThat(plans.get("missing-source")).isInstanceOf(Plan.Invalid.class);
    assertThat(plans.get("missing-source").describe()).contains("nobody");
    assertThat(plans.get("plain")).isInstanceOf(Plan.Direct.class);
  }

  @Test
  void sourceProfileCycle_invalidNamingTheProfiles() {
    Plan plan = planOf("loop-a");

    assertThat(plan).isInstanceOf(Plan.Invalid.class);
    assertThat(plan.describe()).contains("loop-a", "loop-b");
  }

  @Test
  void keysOnlyProfile_invalidSayingItHasNoRole() {
    Plan plan = planOf("carol");

    assertThat(plan).isInstanceOf(Plan.Invalid.class);
    assertThat(plan.describe()).contains("carol", "no role_arn");
  }

  @Test
  void unknownProfile_invalidNamingIt() {
    Plan plan = planOf("nope");

    assertThat(plan).isInstanceOf(Plan.Invalid.class);
    assertThat(plan.describe()).contains("nope");
  }

  @Test
  void roleProfiles_listsOnlyResolvableRoleProfiles() {
    assertThat(planner.roleProfiles())
        .containsExactly("chained", "default-length-mfa", "hour-mfa", "long-mfa", "plain");
  }
}

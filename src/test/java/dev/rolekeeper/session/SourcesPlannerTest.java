package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.profiles.AwsProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner for the sources beyond long-term keys: session credentials with MFA, web identity
 * token files (and chains from them), the instance's and container's credentials; and the profiles
 * left unserved, each with its reason.
 */
class SourcesPlannerTest {

  private static final String ROLE = "arn:aws:iam::111122223333:role/";
  private static final String DEVICE = "arn:aws:iam::111122223333:mfa/carol";
  private static final String FULL_URI = "aws.containerCredentialsFullUri";

  @TempDir Path dir;
  private AwsProfiles profiles;

  @BeforeEach
  void writeFiles() throws Exception {
    Files.writeString(
        dir.resolve("config"),
        String.join(
            "\n",
            "[default]",
            "region = eu-west-1",
            "",
            "[profile admin-from-session]",
            "role_arn = " + ROLE + "admin",
            "source_profile = carol-session",
            "mfa_serial = " + DEVICE,
            "duration_seconds = 7200",
            "",
            "[profile admin-from-env]",
            "role_arn = " + ROLE + "admin",
            "credential_source = Environment",
            "mfa_serial = " + DEVICE,
            "",
            "[profile ci]",
            "role_arn = " + ROLE + "ci",
            "web_identity_token_file = " + dir.resolve("token"),
            "role_session_name = build-42",
            "",
            "[profile ci-deploy]",
            "role_arn = " + ROLE + "deploy",
            "source_profile = ci",
            "",
            "[profile token-no-role]",
            "web_identity_token_file = " + dir.resolve("token"),
            "",
            "[profile on-ec2]",
            "role_arn = " + ROLE + "dev",
            "credential_source = Ec2InstanceMetadata",
            "",
            "[profile on-ec2-mfa]",
            "role_arn = " + ROLE + "admin",
            "credential_source = Ec2InstanceMetadata",
            "mfa_serial = " + DEVICE,
            "",
            "[profile in-container]",
            "role_arn = " + ROLE + "dev",
            "credential_source = EcsContainer",
            "",
            "[profile bad-duration]",
            "role_arn = " + ROLE + "dev",
            "source_profile = carol",
            "duration_seconds = 99",
            "",
            "[profile console]",
            "login_session = arn:aws:iam::111122223333:user/carol",
            "",
            "[profile proc]",
            "credential_process = /bin/true",
            "",
            "[profile settings-only]",
            "region = us-west-2",
            ""));
    Files.writeString(
        dir.resolve("credentials"),
        String.join(
            "\n",
            "[default]",
            "aws_access_key_id = AKIASIMDEFAULT000009",
            "aws_secret_access_key = defaultSecretKey000000000000000000000009",
            "",
            "[carol]",
            "aws_access_key_id = AKIASIMCAROL00000003",
            "aws_secret_access_key = carolSecretKey00000000000000000000000003",
            "",
            "[carol-session]",
            "aws_access_key_id = ASIASIMCAROL00000004",
            "aws_secret_access_key = carolSessionSecret0000000000000000000004",
            "aws_session_token = carolSessionToken",
            ""));
    profiles = AwsProfiles.load(new AwsFiles(dir.resolve("config"), dir.resolve("credentials")));
  }

  @AfterEach
  void clearContainerSetting() {
    System.clearProperty(FULL_URI);
  }

  private Planner planner(Map<String, String> env) {
    return new Planner(profiles, "us-east-1", env, Duration.ofSeconds(5));
  }

  private Plan planOf(String profile) {
    return planner(Map.of()).plan(List.of(profile)).get(profile);
  }

  @Test
  void sessionCredentialsWithMfa_assumeRoleWithTheCodeEachRefresh_notGetSessionToken() {
    Plan plan = planOf("admin-from-session");

    assertThat(plan).isInstanceOf(Plan.MfaPerCall.class);
    assertThat(plan.mfaDevice()).isEqualTo(DEVICE);
    assertThat(plan.hop().durationSeconds())
        .as("STS's limit for temporary callers")
        .isEqualTo(3600);
    assertThat(plan.describe())
        .contains("source holds session credentials: AssumeRole with the MFA code at each refresh")
        .doesNotContain("carolSessionToken", "GetSessionToken");
  }

  @Test
  void environmentWithSessionTokenAndMfa_codeOnEachCall_withoutToken_sharedSession() {
    Map<String, String> temporary =
        Map.of(
            "AWS_ACCESS_KEY_ID", "ASIAENV0000000000001",
            "AWS_SECRET_ACCESS_KEY", "envSecret",
            "AWS_SESSION_TOKEN", "envToken");
    Map<String, String> longTerm =
        Map.of("AWS_ACCESS_KEY_ID", "AKIAENV0000000000001", "AWS_SECRET_ACCESS_KEY", "envSecret");

    assertThat(planner(temporary).plan(List.of("admin-from-env")).get("admin-from-env"))
        .isInstanceOf(Plan.MfaPerCall.class);
    assertThat(planner(longTerm).plan(List.of("admin-from-env")).get("admin-from-env"))
        .isInstanceOf(Plan.MfaSession.class);
  }

  @Test
  void webIdentityProfile_assumeRoleWithWebIdentity_withItsSessionNameAndFile() {
    Plan plan = planOf("ci");

    assertThat(plan).isInstanceOf(WebIdentityPlan.class);
    assertThat(plan.hop().roleArn()).isEqualTo(ROLE + "ci");
    assertThat(plan.hop().sessionName()).isEqualTo("build-42");
    assertThat(((WebIdentityPlan) plan).tokenFile()).isEqualTo(dir.resolve("token").toString());
    assertThat(plan.describe())
        .contains("AssumeRoleWithWebIdentity", dir.resolve("token").toString());
  }

  @Test
  void roleChainedFromWebIdentity_chainedWithTheWebIdentityProfilePlanned_bothServedByDefault() {
    Map<String, Plan> plans = planner(Map.of()).plan(List.of("ci-deploy"));

    assertThat(plans.get("ci-deploy")).isInstanceOf(Plan.Chained.class);
    assertThat(((Plan.Chained) plans.get("ci-deploy")).parentProfile()).isEqualTo("ci");
    assertThat(plans.get("ci")).isInstanceOf(WebIdentityPlan.class);
    assertThat(planner(Map.of()).roleProfiles()).contains("ci", "ci-deploy");
  }

  @Test
  void ec2Source_assumeRoleWithTheInstancesKeys_mfaMeansACodeEachCall() {
    Map<String, Plan> plans = planner(Map.of()).plan(List.of("on-ec2", "on-ec2-mfa"));

    assertThat(plans.get("on-ec2")).isInstanceOf(Plan.Direct.class);
    assertThat(((Plan.Direct) plans.get("on-ec2")).keys()).isInstanceOf(MetadataSource.class);
    assertThat(plans.get("on-ec2-mfa")).isInstanceOf(Plan.MfaPerCall.class);
  }

  @Test
  void ec2EndpointIsThisDaemonsOwnPort_invalidSayingItIsALoop() {
    Map<String, String> env = Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9912/");

    Plan own = planner(env).ownPorts(Set.of(9911, 9912)).plan(List.of("on-ec2")).get("on-ec2");
    Plan other = planner(env).ownPorts(Set.of(9911)).plan(List.of("on-ec2")).get("on-ec2");

    assertThat(own).isInstanceOf(Plan.Invalid.class);
    assertThat(own.describe()).contains("http://127.0.0.1:9912/", "rolekeeper itself", "loop");
    assertThat(other).isInstanceOf(Plan.Direct.class);
    assertThat(other.describe()).contains("http://127.0.0.1:9912/");
  }

  @Test
  void containerSource_noEndpointSet_invalidNamingTheVariables() {
    Plan plan = planOf("in-container");

    assertThat(plan).isInstanceOf(Plan.Invalid.class);
    assertThat(plan.describe()).contains("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  }

  @Test
  void containerEndpointIsThisDaemonsOwnPort_invalidSayingItIsALoop() {
    System.setProperty(FULL_URI, "http://localhost:9911/v1/credentials/dev");

    Plan own =
        planner(Map.of()).ownPorts(Set.of(9911)).plan(List.of("in-container")).get("in-container");
    Plan other =
        planner(Map.of()).ownPorts(Set.of(8000)).plan(List.of("in-container")).get("in-container");

    assertThat(own).isInstanceOf(Plan.Invalid.class);
    assertThat(own.describe()).contains("rolekeeper itself");
    assertThat(other).isInstanceOf(Plan.Direct.class);
  }

  @Test
  void unserved_withNoProfilesListed_everyCandidateNotPlannedWithItsReason_plainKeysLeftOut() {
    Planner planner = planner(Map.of());
    Map<String, Plan> plans = planner.plan(planner.roleProfiles());

    Map<String, Unserved> unserved =
        Unserved.find(profiles, plans.keySet(), false).stream()
            .collect(java.util.stream.Collectors.toMap(Unserved::profile, u -> u));

    // A login_session profile (console sign-in) is served now, so it is no longer listed here.
    assertThat(unserved).containsOnlyKeys("bad-duration", "proc", "token-no-role");
    assertThat(plans.get("console")).isInstanceOf(LoginPlan.class);
    assertThat(unserved.get("bad-duration").reason()).contains("duration_seconds '99'");
    assertThat(unserved.get("bad-duration").problem()).isTrue();
    assertThat(unserved.get("token-no-role").reason()).contains("needs a role_arn");
    assertThat(unserved.get("proc").problem()).isFalse();
  }

  @Test
  void unserved_withProfilesListed_theOthersSayTheyAreNotNamed() {
    Map<String, Plan> plans = planner(Map.of()).plan(List.of("ci"));

    List<Unserved> unserved = Unserved.find(profiles, plans.keySet(), true);

    assertThat(unserved)
        .contains(new Unserved("ci-deploy", "not named under `profiles:` in the settings", false))
        .contains(new Unserved("console", "not named under `profiles:` in the settings", false))
        .extracting(Unserved::profile)
        .doesNotContain("ci", "carol", "default", "settings-only");
  }
}

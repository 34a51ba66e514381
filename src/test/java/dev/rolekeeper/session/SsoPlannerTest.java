package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.profiles.AwsProfiles;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoPlannerTest {

  @TempDir Path dir;

  private final SsoRoleSource source =
      (profile, settings) ->
          Future.succeededFuture(AwsCredentials.longTerm("AKIAUNUSED0000000000", "unused"));
  private Planner planner;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(
        dir.resolve("config"),
        """
        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        region = us-east-2
        [profile admin]
        role_arn = arn:aws:iam::444455556666:role/Admin
        source_profile = dev
        duration_seconds = 7200
        [profile broken]
        sso_session = corp
        sso_account_id = 111122223333
        [profile keys]
        aws_access_key_id = AKIAKEYS000000000001
        aws_secret_access_key = secret
        """);
    AwsProfiles profiles =
        AwsProfiles.load(new AwsFiles(dir.resolve("config"), dir.resolve("none")));
    planner =
        new Planner(
            profiles,
            "us-east-1",
            Map.of(),
            Duration.ofSeconds(5),
            new SignInSources(source, LoginSource.none()));
  }

  @Test
  void ssoProfile_getRoleCredentialsPlanSayingWhichSession() {
    Plan plan = planner.plan(List.of("dev")).get("dev");

    assertThat(plan)
        .isInstanceOfSatisfying(
            SsoPlan.class,
            sso -> {
              assertThat(sso.settings().role().name()).isEqualTo("Developer");
              assertThat(sso.source()).isSameAs(source);
              assertThat(sso.hop().region()).isEqualTo("us-east-2");
            });
    assertThat(plan.describe())
        .isEqualTo(
            "GetRoleCredentials for role Developer in account 111122223333 with the"
                + " sign-in of SSO session corp (IAM Identity Center)");
  }

  @Test
  void roleFromSsoProfile_chainedAtMostOneHour_andTheSsoProfileIsPlannedToo() {
    Map<String, Plan> plans = planner.plan(List.of("admin"));

    assertThat(plans.get("admin"))
        .isInstanceOfSatisfying(
            Plan.Chained.class,
            chained -> {
              assertThat(chained.parentProfile()).isEqualTo("dev");
              assertThat(chained.hop().durationSeconds()).isEqualTo(3600);
            });
    assertThat(plans.get("dev")).isInstanceOf(SsoPlan.class);
  }

  @Test
  void incompleteSsoProfile_invalidPlanNamingWhatIsMissing() {
    Plan plan = planner.plan(List.of("broken")).get("broken");

    assertThat(plan).isInstanceOf(Plan.Invalid.class);
    assertThat(plan.describe()).contains("has no sso_role_name");
  }

  @Test
  void defaultServedProfiles_includeSsoProfilesButNotPlainKeys() {
    assertThat(planner.roleProfiles()).containsExactly("admin", "dev");
  }

  @Test
  void samePlansFromTheSameFiles_areEqual_soAReloadKeepsTheSession() {
    assertThat(planner.plan(List.of("dev"))).isEqualTo(planner.plan(List.of("dev")));
  }
}

package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.profiles.AwsProfiles;
import dev.rolekeeper.profiles.LoginSettings;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning {@code login_session} profiles (console sign-in) and the roles chained from them. */
class LoginPlannerTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private static final String DEVICE = "arn:aws:iam::111122223333:mfa/alice";

  @TempDir Path dir;

  private final LoginSource source =
      (profile, settings) ->
          Future.succeededFuture(AwsCredentials.longTerm("AKIAUNUSED0000000000", "unused"));

  private Planner planner(String config, Map<String, String> env) throws Exception {
    Files.writeString(dir.resolve("config"), config);
    AwsProfiles profiles =
        AwsProfiles.load(new AwsFiles(dir.resolve("config"), dir.resolve("none")));
    return new Planner(
        profiles,
        "us-east-1",
        env,
        Duration.ofSeconds(5),
        new SignInSources(SsoRoleSource.none(), source));
  }

  private static final String FILES =
      """
      [default]
      region = ap-south-1
      endpoint_url = http://default.invalid
      [profile dev]
      login_session = %s
      region = eu-west-1
      ca_bundle = /etc/corp-ca.pem
      [profile admin]
      role_arn = arn:aws:iam::444455556666:role/Admin
      source_profile = dev
      mfa_serial = %s
      duration_seconds = 7200
      [profile keys]
      aws_access_key_id = AKIAKEYS000000000001
      aws_secret_access_key = secret
      """
          .formatted(ALICE, DEVICE);

  /** The login settings of profile {@code dev} as planned from {@code config} under {@code env}. */
  private LoginSettings settingsOf(String config, Map<String, String> env) throws Exception {
    Plan plan = planner(config, env).plan(List.of("dev")).get("dev");
    assertThat(plan).isInstanceOf(LoginPlan.class);
    return ((LoginPlan) plan).settings();
  }

  private static String withUrls(String profileLines) {
    return """
        [default]
        region = ap-south-1
        endpoint_url = http://default.invalid
        [profile dev]
        login_session = %s
        %s
        [services local]
        signin =
          endpoint_url = http://services.invalid
        """
        .formatted(ALICE, profileLines);
  }

  @Test
  void loginProfile_servedOnItsOwn_loginPlanOfItsSessionRegionAndCaBundle() throws Exception {
    Plan plan = planner(FILES, Map.of()).plan(List.of("dev")).get("dev");

    assertThat(plan)
        .isInstanceOfSatisfying(
            LoginPlan.class,
            login -> {
              assertThat(login.settings())
                  .isEqualTo(new LoginSettings(ALICE, "eu-west-1", null, "/etc/corp-ca.pem"));
              assertThat(login.source()).isSameAs(source);
              assertThat(login.hop().profile()).isEqualTo("dev");
              assertThat(login.hop().region()).isEqualTo("eu-west-1");
              assertThat(login.mfaDevice()).isNull();
            });
    assertThat(plan.describe())
        .isEqualTo(
            "the console sign-in session of "
                + ALICE
                + " (aws login), refreshed through AWS Sign-In");
  }

  @Test
  void roleFromLoginProfile_chainedAtMostOneHourWithItsMfaCodeEachRefresh_loginPlannedToo()
      throws Exception {
    Map<String, Plan> plans = planner(FILES, Map.of()).plan(List.of("admin"));

    assertThat(plans.get("admin"))
        .isInstanceOfSatisfying(
            Plan.Chained.class,
            chained -> {
              assertThat(chained.parentProfile()).isEqualTo("dev");
              assertThat(chained.hop().durationSeconds()).isEqualTo(3600);
              assertThat(chained.mfaDevice()).isEqualTo(DEVICE);
            });
    assertThat(plans.get("admin").describe())
        .contains("with the session of profile dev")
        .contains("with an MFA code from " + DEVICE + " on every refresh");
    assertThat(plans.get("dev")).isInstanceOf(LoginPlan.class);
  }

  @Test
  void loginProfileServedAndAsSource_onePlan_whicheverIsPlannedFirst() throws Exception {
    Planner planner = planner(FILES, Map.of());

    assertThat(planner.plan(List.of("admin", "dev")).get("dev"))
        .isEqualTo(planner.plan(List.of("dev", "admin")).get("dev"))
        .isEqualTo(planner.plan(List.of("dev")).get("dev"));
  }

  @Test
  void defaultServedProfiles_includeLoginProfilesButNotPlainKeys() throws Exception {
    assertThat(planner(FILES, Map.of()).roleProfiles()).containsExactly("admin", "dev");
  }

  @Test
  void loginProfileWithoutRegion_daemonsRegion_notDefaults() throws Exception {
    LoginSettings settings = settingsOf(withUrls(""), Map.of());

    assertThat(settings.region()).as("[default]'s region does not leak").isEqualTo("us-east-1");
    assertThat(settings.endpointUrl()).as("[default]'s endpoint_url does not leak").isNull();
  }

  @Test
  void endpoint_signinVariableFirst_thenAwsEndpointUrl_thenServicesSection_thenEndpointUrl()
      throws Exception {
    String both = withUrls("services = local\nendpoint_url = http://profile.invalid");
    Map<String, String> allVariables =
        Map.of(
            "AWS_ENDPOINT_URL_SIGNIN", "http://signin-variable.invalid",
            "AWS_ENDPOINT_URL", "http://global-variable.invalid");

    assertThat(settingsOf(both, allVariables).endpointUrl())
        .isEqualTo("http://signin-variable.invalid");
    assertThat(
            settingsOf(both, Map.of("AWS_ENDPOINT_URL", "http://global-variable.invalid"))
                .endpointUrl())
        .isEqualTo("http://global-variable.invalid");
    assertThat(settingsOf(both, Map.of()).endpointUrl()).isEqualTo("http://services.invalid");
    assertThat(
            settingsOf(withUrls("endpoint_url = http://profile.invalid"), Map.of()).endpointUrl())
        .isEqualTo("http://profile.invalid");
  }

  @Test
  void endpoint_stsVariableOrSection_notUsedForSignIn() throws Exception {
    String stsOnly =
        """
        [profile dev]
        login_session = %s
        services = local
        [services local]
        sts =
          endpoint_url = http://sts-section.invalid
        """
            .formatted(ALICE);

    assertThat(
            settingsOf(stsOnly, Map.of("AWS_ENDPOINT_URL_STS", "http://sts-variable.invalid"))
                .endpointUrl())
        .isNull();
  }

  @Test
  void endpoint_ignoreConfiguredEndpointUrls_inTheProfileOrEnvironment_turnsThemAllOff()
      throws Exception {
    String configured = "services = local\nendpoint_url = http://profile.invalid";
    Map<String, String> variable = Map.of("AWS_ENDPOINT_URL_SIGNIN", "http://signin.invalid");

    assertThat(
            settingsOf(withUrls(configured + "\nignore_configured_endpoint_urls = true"), variable)
                .endpointUrl())
        .isNull();
    assertThat(
            settingsOf(
                    withUrls(configured),
                    Map.of(
                        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                        "true",
                        "AWS_ENDPOINT_URL_SIGNIN",
                        "http://signin.invalid"))
                .endpointUrl())
        .isNull();
  }

  @Test
  void endpoint_notAnHttpUrl_invalidPlanNamingTheProfileAndWhereItCameFrom() throws Exception {
    Plan plan =
        planner(withUrls("endpoint_url = ftp://nope"), Map.of()).plan(List.of("dev")).get("dev");

    assertThat(plan).isInstanceOf(Plan.Invalid.class);
    assertThat(plan.describe()).contains("profile dev").contains("endpoint_url");
  }

  @Test
  void roleFromLoginProfileNamingAMissingServicesSection_invalid() throws Exception {
    Plan plan =
        planner(
                """
                [profile dev]
                login_session = %s
                services = nowhere
                [profile admin]
                role_arn = arn:aws:iam::444455556666:role/Admin
                source_profile = dev
                """
                    .formatted(ALICE),
                Map.of())
            .plan(List.of("admin"))
            .get("admin");

    assertThat(plan).isInstanceOf(Plan.Invalid.class);
    assertThat(plan.describe()).contains("services 'nowhere'");
  }
}

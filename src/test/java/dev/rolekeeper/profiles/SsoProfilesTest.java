package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoProfilesTest {

  private static final String SESSION =
      """
      [sso-session corp]
      sso_start_url = https://corp.awsapps.com/start
      sso_region = eu-west-1
      sso_registration_scopes = sso:account:access, codewhisperer:completions
      """;

  @TempDir Path dir;

  @Test
  void ssoSessionProfile_resolvesWithTheSectionsSettingsAndTheCliCacheName() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            SESSION
                + """
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        region = us-east-2
        """);

    ResolvedProfile dev = profiles.resolve("dev");

    assertThat(dev.isSso()).isTrue();
    assertThat(dev.client().region()).isEqualTo("us-east-2");
    Source.Sso sso = (Source.Sso) dev.source();
    assertThat(sso.profile()).isEqualTo("dev");
    assertThat(sso.settings())
        .isEqualTo(
            new SsoSettings(
                "corp",
                "https://corp.awsapps.com/start",
                "eu-west-1",
                List.of("sso:account:access", "codewhisperer:completions"),
                "111122223333",
                "Developer"));
    assertThat(sso.settings().cacheFileName())
        .isEqualTo("ee0bfd2552fbd840c02cc48b6e823320543c450f.json");
    assertThat(profiles.names()).containsExactly("dev");
  }

  @Test
  void legacyProfile_usesItsOwnStartUrlAndTheUrlsHashAsCacheName() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [profile old]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 111122223333
        sso_role_name = ReadOnly
        """);

    SsoSettings settings = ((Source.Sso) profiles.resolve("old").source()).settings();

    assertThat(settings.hasSession()).isFalse();
    assertThat(settings.cacheKey()).isEqualTo("https://corp.awsapps.com/start");
    assertThat(settings.cacheFileName()).isEqualTo("a51746d4aa793ae07b25e90c3a5db96fc7832bd7.json");
    assertThat(settings.scopes()).isEmpty();
  }

  @Test
  void sessionWithoutScopes_getsTheCliDefaultScope() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [sso-session s]
        sso_start_url = https://s.awsapps.com/start
        sso_region = us-east-1
        [profile p]
        sso_session = s
        sso_account_id = 111122223333
        sso_role_name = R
        """);

    assertThat(((Source.Sso) profiles.resolve("p").source()).settings().scopes())
        .containsExactly("sso:account:access");
  }

  @Test
  void roleWithSsoSourceProfile_chainsFromTheSsoProfile() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            SESSION
                + """
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        [profile prod-admin]
        role_arn = arn:aws:iam::444455556666:role/Admin
        source_profile = dev
        """);

    ResolvedProfile admin = profiles.resolve("prod-admin");

    assertThat(admin.isRole()).isTrue();
    assertThat(admin.source())
        .isInstanceOfSatisfying(
            Source.Sso.class,
            sso -> {
              assertThat(sso.profile()).isEqualTo("dev");
              assertThat(sso.settings().role().name()).isEqualTo("Developer");
            });
  }

  @Test
  void ssoSessionNamingNoSection_isAnErrorNamingTheSection() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [profile dev]
        sso_session = nope
        sso_account_id = 111122223333
        sso_role_name = Developer
        """);

    assertThatThrownBy(() -> profiles.resolve("dev"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("profile 'dev'")
        .hasMessageContaining("no [sso-session nope] section");
  }

  @Test
  void sectionWithoutStartUrl_isAnErrorNamingTheSectionAndKey() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [sso-session corp]
        sso_region = eu-west-1
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        """);

    assertThatThrownBy(() -> profiles.resolve("dev"))
        .hasMessageContaining("[sso-session corp]")
        .hasMessageContaining("has no sso_start_url");
  }

  @Test
  void missingAccountOrRole_isAnErrorNamingTheMissingKey() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            SESSION
                + """
        [profile noaccount]
        sso_session = corp
        sso_role_name = Developer
        [profile norole]
        sso_session = corp
        sso_account_id = 111122223333
        [profile badaccount]
        sso_session = corp
        sso_account_id = 1111
        sso_role_name = Developer
        """);

    assertThatThrownBy(() -> profiles.resolve("noaccount"))
        .hasMessageContaining("has no sso_account_id");
    assertThatThrownBy(() -> profiles.resolve("norole"))
        .hasMessageContaining("has no sso_role_name");
    assertThatThrownBy(() -> profiles.resolve("badaccount"))
        .hasMessageContaining("must be a 12-digit account id");
  }

  @Test
  void legacyWithoutRegion_isAnError() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [profile old]
        sso_start_url = https://corp.awsapps.com/start
        sso_account_id = 111122223333
        sso_role_name = ReadOnly
        """);

    assertThatThrownBy(() -> profiles.resolve("old")).hasMessageContaining("has no sso_region");
  }

  @Test
  void profileDisagreeingWithItsSession_isAnError() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            SESSION
                + """
        [profile dev]
        sso_session = corp
        sso_region = us-east-1
        sso_account_id = 111122223333
        sso_role_name = Developer
        """);

    assertThatThrownBy(() -> profiles.resolve("dev"))
        .hasMessageContaining("sso_region 'us-east-1'")
        .hasMessageContaining("sso_session 'corp' says 'eu-west-1'");
  }

  @Test
  void roleWhoseSsoSourceIsIncomplete_reportsTheSourcesProblem() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            SESSION
                + """
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        [profile admin]
        role_arn = arn:aws:iam::444455556666:role/Admin
        source_profile = dev
        """);

    assertThatThrownBy(() -> profiles.resolve("admin"))
        .hasMessageContaining("profile 'dev'")
        .hasMessageContaining("has no sso_role_name");
  }

  @Test
  void brokenSsoSessionSection_failsOnlyProfilesThatUseASession() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [sso-session corp]
        not a property line
        [profile keys]
        aws_access_key_id = AKIA1
        aws_secret_access_key = S
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Developer
        """);

    assertThat(profiles.resolve("keys").source()).isInstanceOf(Source.StaticKeys.class);
    assertThatThrownBy(() -> profiles.resolve("dev"))
        .hasMessageContaining("[sso-session] sections cannot be read")
        .hasMessageContaining("line 2");
  }
}

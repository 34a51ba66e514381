package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.load;
import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code login_session} profiles (the AWS CLI's {@code aws login}) as the resolver reads them. */
class LoginProfilesTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  @TempDir Path dir;

  @Test
  void loginProfile_resolvesToItsConsoleSession_definedWhereLoginSessionIs() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile dev]\nlogin_session = " + ALICE + "\nregion = eu-west-1\n",
            "[dev]\nca_bundle = /etc/corp-ca.pem\n");

    ResolvedProfile dev = profiles.resolve("dev");

    assertThat(dev.source()).isEqualTo(new Source.LoginSession("dev", ALICE, "/etc/corp-ca.pem"));
    assertThat(dev.isLogin()).isTrue();
    assertThat(dev.isServable()).isTrue();
    assertThat(dev.isRole()).isFalse();
    assertThat(dev.isSso()).isFalse();
    assertThat(dev.definedIn()).isEqualTo(dir.resolve("config"));
  }

  @Test
  void roleWhoseSourceProfileIsALoginProfile_resolvesWithTheConsoleSessionAsItsSource()
      throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
            [profile dev]
            login_session = %s
            [profile admin]
            role_arn = arn:aws:iam::444455556666:role/Admin
            source_profile = dev
            mfa_serial = arn:aws:iam::111122223333:mfa/alice
            """
                .formatted(ALICE));

    ResolvedProfile admin = profiles.resolve("admin");

    assertThat(admin.isRole()).isTrue();
    assertThat(admin.isLogin()).as("a role, served as a role").isFalse();
    assertThat(admin.source()).isEqualTo(new Source.LoginSession("dev", ALICE, null));
    assertThat(admin.mfa().serial()).isEqualTo("arn:aws:iam::111122223333:mfa/alice");
  }

  @Test
  void loginSessionBesideCredentialProcessAndKeys_loginSessionWins() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile dev]\nlogin_session = " + ALICE + "\ncredential_process = /bin/creds\n",
            "[dev]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = s\n");

    assertThat(profiles.resolve("dev").source()).isInstanceOf(Source.LoginSession.class);
  }

  @Test
  void identityCenterBesideLoginSession_identityCenterWins_asInTheJavaSdk() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
            [profile dev]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            sso_account_id = 111122223333
            sso_role_name = Developer
            login_session = %s
            """
                .formatted(ALICE));

    assertThat(profiles.resolve("dev").source()).isInstanceOf(Source.Sso.class);
  }

  @Test
  void blankLoginSession_notASource_theKeysAreUsed() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile dev]\nlogin_session =\naws_access_key_id = AKIAEXAMPLE000000001\n"
                + "aws_secret_access_key = s\n");

    assertThat(profiles.resolve("dev").source()).isInstanceOf(Source.StaticKeys.class);
  }

  @Test
  void servicesSection_signinUrlReadBesideSts_ofTheProfilesOwnSectionOnly() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
            [default]
            endpoint_url = http://default.invalid
            [profile dev]
            login_session = %s
            services = local
            [services local]
            sts =
              endpoint_url = http://127.0.0.1:4566
            signin =
              endpoint_url = http://127.0.0.1:4577
            """
                .formatted(ALICE));

    EndpointSettings.Urls urls = profiles.endpointSettings("dev").urls();

    assertThat(urls.service("signin")).isEqualTo("http://127.0.0.1:4577");
    assertThat(urls.service("sts")).isEqualTo("http://127.0.0.1:4566");
    assertThat(urls.endpointUrl()).as("[default] does not leak").isNull();
  }
}

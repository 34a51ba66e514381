package dev.rolekeeper.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ca_bundle} belongs to the profile that names it, as the AWS CLI reads it. */
class CaBundleKeyTest {

  @TempDir Path dir;

  private static final String CONFIG =
      String.join(
          "\n",
          "[default]",
          "ca_bundle = /etc/default-ca.pem",
          "[profile base]",
          "aws_access_key_id = AKIABASE000000000001",
          "aws_secret_access_key = baseSecret",
          "[profile corp]",
          "role_arn = arn:aws:iam::123456789012:role/Corp",
          "source_profile = base",
          "ca_bundle = /etc/corp ca.pem ",
          "[profile plain]",
          "role_arn = arn:aws:iam::123456789012:role/Plain",
          "source_profile = base",
          "[profile sso]",
          "sso_start_url = https://corp.awsapps.com/start",
          "sso_region = eu-west-1",
          "sso_account_id = 123456789012",
          "sso_role_name = Dev",
          "ca_bundle = /etc/sso-ca.pem",
          "");

  @Test
  void roleProfile_caBundle_isItsOwn_andNotInheritedFromDefault() throws Exception {
    AwsProfiles profiles = ProfileFixtures.loadConfig(dir, CONFIG);

    assertThat(profiles.resolve("corp").client().caBundle()).isEqualTo("/etc/corp ca.pem");
    assertThat(profiles.resolve("plain").client().caBundle()).isNull();
  }

  @Test
  void ssoProfile_caBundle_goesWithItsIdentityCenterSettings() throws Exception {
    ResolvedProfile sso = ProfileFixtures.loadConfig(dir, CONFIG).resolve("sso");

    assertThat(((Source.Sso) sso.source()).settings().caBundle()).isEqualTo("/etc/sso-ca.pem");
    assertThat(sso.client().caBundle()).isEqualTo("/etc/sso-ca.pem");
  }
}

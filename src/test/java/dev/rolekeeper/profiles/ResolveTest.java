package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.load;
import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving profiles that are right: role settings, sources, chaining. */
class ResolveTest {

  private static final String KEYS =
      "[keys]\naws_access_key_id = AKIAKEYS\naws_secret_access_key = secretKeys\n";

  @TempDir Path dir;

  @Test
  void corpusAdmin_resolvesEverySetting() throws Exception {
    ResolvedProfile admin = ProfileFixtures.loadCorpus().resolve("admin");

    assertThat(admin.isRole()).isTrue();
    assertThat(admin.name()).isEqualTo("admin");
    assertThat(admin.role().arn()).isEqualTo("arn:aws:iam::123456789012:role/Admin");
    assertThat(admin.mfa().serial()).isEqualTo("arn:aws:iam::123456789012:mfa/alice");
    assertThat(admin.role().externalId()).isEqualTo("ext#1;x");
    assertThat(admin.role().sessionName()).isEqualTo("alice@laptop");
    assertThat(admin.role().durationSeconds()).isEqualTo(3600);
    assertThat(admin.client().stsRegionalEndpoints()).isEqualTo("regional");
    assertThat(admin.mfa().process()).isEqualTo("ykman oath accounts code --single alice");
    assertThat(admin.client().region()).as("'Region' is not 'region'").isNull();
    assertThat(admin.definedIn()).isEqualTo(ProfileFixtures.resource("messy-config"));
    assertThat(admin.source())
        .isEqualTo(
            new Source.StaticKeys(
                "AKIABASE000000000001", "baseSecret0000000000000000000000000000001", null));
  }

  @Test
  void staticKeysProfile_isNotARoleAndIsDefinedInTheCredentialsFile() throws Exception {
    ResolvedProfile base = ProfileFixtures.loadCorpus().resolve("base");

    assertThat(base.isRole()).isFalse();
    assertThat(base.role().arn()).isNull();
    assertThat(base.client().region()).isEqualTo("us-east-1");
    assertThat(base.definedIn()).isEqualTo(ProfileFixtures.resource("messy-credentials"));
  }

  @Test
  void staticKeysWithSessionToken_keepTheToken() throws Exception {
    ResolvedProfile profile = ProfileFixtures.loadCorpus().resolve("default");

    assertThat(profile.source())
        .isEqualTo(
            new Source.StaticKeys("AKIADEFAULT000000001", "defaultSecret#with-hash", "tokenValue"));
  }

  @Test
  void staticKeysInConfigFile_areAccepted() throws Exception {
    AwsProfiles profiles =
        loadConfig(dir, "[profile k]\naws_access_key_id = AKIA9\naws_secret_access_key = s9\n");

    assertThat(profiles.resolve("k").source())
        .isEqualTo(new Source.StaticKeys("AKIA9", "s9", null));
  }

  @Test
  void roleChain_sourceThatIsARole_isResolvedRecursively() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            """
        [profile top]
        role_arn = arn:aws:iam::111111111111:role/Top
        source_profile = middle
        [profile middle]
        role_arn = arn:aws:iam::222222222222:role/Middle
        source_profile = keys
        mfa_serial = arn:aws:iam::222222222222:mfa/dev
        """,
            KEYS);

    ResolvedProfile top = profiles.resolve("top");

    assertThat(top.source()).isInstanceOf(Source.RoleSource.class);
    ResolvedProfile middle = ((Source.RoleSource) top.source()).parent();
    assertThat(middle.role().arn()).isEqualTo("arn:aws:iam::222222222222:role/Middle");
    assertThat(middle.mfa().serial()).isEqualTo("arn:aws:iam::222222222222:mfa/dev");
    assertThat(middle.source()).isEqualTo(new Source.StaticKeys("AKIAKEYS", "secretKeys", null));
    assertThat(top.mfa().serial()).isNull();
  }

  @Test
  void webIdentityTokenFile_withSourceProfileOrCredentialSource_winsAndNamesNoOtherProfile()
      throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            """
        [profile chained]
        role_arn = arn:aws:iam::111111111111:role/Ci
        web_identity_token_file = /var/run/token
        source_profile = middle
        [profile undefined-source]
        role_arn = arn:aws:iam::111111111111:role/Ci
        web_identity_token_file = /var/run/token
        source_profile = nowhere
        [profile both]
        role_arn = arn:aws:iam::111111111111:role/Ci
        web_identity_token_file = /var/run/token
        source_profile = keys
        credential_source = Environment
        [profile middle]
        role_arn = arn:aws:iam::222222222222:role/Middle
        source_profile = keys
        """,
            KEYS);

    for (String name : new String[] {"chained", "undefined-source", "both"}) {
      assertThat(profiles.resolve(name).source())
          .as(name)
          .isEqualTo(new Source.WebIdentity("/var/run/token"));
    }
  }

  @Test
  void credentialSource_eachValidValue_isTheSource() throws Exception {
    for (String name : new String[] {"Environment", "Ec2InstanceMetadata", "EcsContainer"}) {
      AwsProfiles profiles =
          loadConfig(
              dir,
              "[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = "
                  + name
                  + "\n");

      assertThat(profiles.resolve("r").source()).isEqualTo(new Source.CredentialSource(name));
    }
  }

  @Test
  void sourceWithCredentialProcess_isTheSource() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [profile r]
        role_arn = arn:aws:iam::123456789012:role/R
        source_profile = proc
        [profile proc]
        credential_process = /usr/bin/get-creds --profile "x y"
        """);

    assertThat(profiles.resolve("r").source())
        .isEqualTo(new Source.CredentialProcess("/usr/bin/get-creds --profile \"x y\""));
    assertThat(profiles.resolve("proc").source()).isInstanceOf(Source.CredentialProcess.class);
  }

  @Test
  void sourceProfileNamingItself_withStaticKeys_usesThoseKeys() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile self]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = self\n",
            "[self]\naws_access_key_id = AKIASELF\naws_secret_access_key = selfSecret\n");

    ResolvedProfile self = profiles.resolve("self");

    assertThat(self.isRole()).isTrue();
    assertThat(self.source()).isEqualTo(new Source.StaticKeys("AKIASELF", "selfSecret", null));
  }

  @Test
  void durationSecondsBounds_areAccepted() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            """
        [profile low]
        role_arn = arn:aws:iam::123456789012:role/R
        source_profile = keys
        duration_seconds = 900
        [profile high]
        role_arn = arn:aws-us-gov:iam::123456789012:role/path/to/R
        source_profile = keys
        duration_seconds = 43200
        """,
            KEYS);

    assertThat(profiles.resolve("low").role().durationSeconds()).isEqualTo(900);
    assertThat(profiles.resolve("high").role().durationSeconds()).isEqualTo(43200);
    assertThat(profiles.resolve("high").role().arn())
        .isEqualTo("arn:aws-us-gov:iam::123456789012:role/path/to/R");
  }

  @Test
  void staticKeysToString_redactsSecretAndToken() {
    Source.StaticKeys keys =
        new Source.StaticKeys("AKIAVISIBLE", "verySecretValue", "sessionTokenValue");

    assertThat(keys.toString())
        .contains("AKIAVISIBLE")
        .doesNotContain("verySecretValue", "sessionTokenValue");
  }

  @Test
  void resolvedProfileToString_doesNotLeakSourceSecrets() throws Exception {
    ResolvedProfile admin = ProfileFixtures.loadCorpus().resolve("admin");

    assertThat(admin.toString())
        .contains("admin")
        .doesNotContain("baseSecret0000000000000000000000000000001");
  }
}

package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.load;
import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken profile gives a ProfileException naming the profile and the file, and no secret. */
class ResolveErrorsTest {

  private static final String ARN = "role_arn = arn:aws:iam::123456789012:role/R\n";
  private static final String SECRET = "doNotShowThisSecret";

  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> resolving(
      AwsProfiles profiles, String name) {
    return assertThatThrownBy(() -> profiles.resolve(name))
        .isInstanceOf(ProfileException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void unknownProfile_namesItAndBothFiles() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile a]\n");

    resolving(profiles, "nope")
        .hasMessage(
            "profile 'nope' is not defined in "
                + dir.resolve("config")
                + " or "
                + dir.resolve("no-credentials"));
  }

  @Test
  void bothSourceProfileAndCredentialSource_isRefused() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile r]\n"
                + ARN
                + "source_profile = k\ncredential_source = Environment\n[profile k]\naws_access_key_id = A\n");

    resolving(profiles, "r")
        .hasMessage(
            "profile 'r' in "
                + dir.resolve("config")
                + " has both source_profile and credential_source; keep one");
  }

  @Test
  void roleWithNeitherSource_isRefused() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile r]\n" + ARN);

    resolving(profiles, "r")
        .hasMessageContaining("profile 'r' in " + dir.resolve("config"))
        .hasMessageContaining("neither source_profile nor credential_source");
  }

  @Test
  void sourceProfileCycle_namesTheChain() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile a]\n"
                + ARN
                + "source_profile = b\n"
                + "[profile b]\n"
                + ARN
                + "source_profile = a\n");

    resolving(profiles, "a")
        .hasMessageContaining("source_profile loop a -> b -> a")
        .hasMessageContaining("profile 'b' in " + dir.resolve("config"));
  }

  @Test
  void longerCycle_notThroughTheStart_namesTheWholeChain() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile a]\n"
                + ARN
                + "source_profile = b\n"
                + "[profile b]\n"
                + ARN
                + "source_profile = c\n"
                + "[profile c]\n"
                + ARN
                + "source_profile = b\n");

    resolving(profiles, "a").hasMessageContaining("source_profile loop a -> b -> c -> b");
  }

  @Test
  void sourceProfileNamingItself_withoutStaticKeys_isALoop() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile a]\n" + ARN + "source_profile = a\n");

    resolving(profiles, "a").hasMessageContaining("source_profile loop a -> a");
  }

  @Test
  void missingSourceProfile_namesBothProfiles() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile r]\n" + ARN + "source_profile = ghost\n");

    resolving(profiles, "r")
        .hasMessageContaining("profile 'r' in " + dir.resolve("config"))
        .hasMessageContaining("source_profile 'ghost', which is not defined");
  }

  @Test
  void sourceWithoutKeys_isRefusedNamingTheSource() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile r]\n"
                + ARN
                + "source_profile = empty\n"
                + "[profile empty]\nregion = eu-west-1\n");

    resolving(profiles, "r")
        .hasMessageContaining("profile 'empty' in " + dir.resolve("config"))
        .hasMessageContaining("has no credentials")
        .hasMessageContaining("source_profile of 'r'");
  }

  @Test
  void sourceWithOnlyMiscasedKeys_hintsAtCase() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile r]\n" + ARN + "source_profile = k\n",
            "[k]\nAWS_ACCESS_KEY_ID = AKIA1\nAws_Secret_Access_Key = " + SECRET + "\n");

    resolving(profiles, "r")
        .hasMessageContaining("AWS_ACCESS_KEY_ID")
        .hasMessageContaining("case-sensitive");
  }

  @Test
  void durationSecondsNotANumber_isRefused() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile r]\n" + ARN + "source_profile = k\nduration_seconds = 1h\n",
            "[k]\naws_access_key_id = A\naws_secret_access_key = " + SECRET + "\n");

    resolving(profiles, "r")
        .hasMessage(
            "profile 'r' in "
                + dir.resolve("config")
                + ": duration_seconds '1h' must be a whole number of seconds from 900 to 43200");
  }

  @Test
  void durationSecondsOutOfRange_isRefused() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile low]\n"
                + ARN
                + "source_profile = k\nduration_seconds = 899\n"
                + "[profile high]\n"
                + ARN
                + "source_profile = k\nduration_seconds = 43201\n",
            "[k]\naws_access_key_id = A\naws_secret_access_key = " + SECRET + "\n");

    resolving(profiles, "low").hasMessageContaining("duration_seconds '899'");
    resolving(profiles, "high").hasMessageContaining("duration_seconds '43201'");
  }

  @Test
  void badRoleArn_isRefusedQuotingIt() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile r]\nrole_arn = arn:aws:iam::12345:user/bob\n"
                + "credential_source = Environment\n");

    resolving(profiles, "r")
        .hasMessageContaining("profile 'r' in " + dir.resolve("config"))
        .hasMessageContaining("role_arn 'arn:aws:iam::12345:user/bob' is not a role ARN");
  }

  @Test
  void onlyAccessKeyId_isRefusedNamingTheMissingKey() throws Exception {
    AwsProfiles profiles = load(dir, "", "[k]\naws_access_key_id = AKIA1\n");

    resolving(profiles, "k")
        .hasMessage(
            "profile 'k' in "
                + dir.resolve("credentials")
                + " has aws_access_key_id but no aws_secret_access_key");
  }

  @Test
  void onlySecret_isRefusedWithoutShowingIt() throws Exception {
    AwsProfiles profiles = load(dir, "", "[k]\naws_secret_access_key = " + SECRET + "\n");

    resolving(profiles, "k")
        .hasMessageContaining("has aws_secret_access_key but no aws_access_key_id");
  }

  @Test
  void unknownCredentialSource_isRefused() throws Exception {
    AwsProfiles profiles =
        loadConfig(dir, "[profile r]\n" + ARN + "credential_source = environment\n");

    resolving(profiles, "r")
        .hasMessageContaining("credential_source 'environment' must be Environment");
  }

  @Test
  void badRoleSessionName_isRefused() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile r]\n"
                + ARN
                + "credential_source = Environment\nrole_session_name = has space\n");

    resolving(profiles, "r").hasMessageContaining("role_session_name 'has space'");
  }

  @Test
  void badStsRegionalEndpoints_isRefused() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile r]\n"
                + ARN
                + "credential_source = Environment\nsts_regional_endpoints = global\n");

    resolving(profiles, "r").hasMessageContaining("sts_regional_endpoints 'global'");
  }

  @Test
  void profileWithoutAnyCredentials_isRefused() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[default]\nregion = eu-west-1\n");

    resolving(profiles, "default")
        .hasMessage(
            "profile 'default' in "
                + dir.resolve("config")
                + " has no credentials (aws_access_key_id and aws_secret_access_key, credential_process, or role_arn)");
  }

  @Test
  void oneBrokenProfile_doesNotStopOthersFromResolving() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile broken]\n" + ARN + "\n[profile ok]\n" + ARN + "source_profile = k\n",
            "[k]\naws_access_key_id = A\naws_secret_access_key = " + SECRET + "\n");

    resolving(profiles, "broken")
        .hasMessageContaining("neither source_profile nor credential_source");
    assertThat(profiles.resolve("ok").isRole()).isTrue();
  }
}

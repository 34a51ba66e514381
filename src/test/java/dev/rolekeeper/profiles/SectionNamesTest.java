package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static dev.rolekeeper.profiles.ProfileFixtures.loadCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How section headers become profile names in each file (AWS SDK for Java v2 rules). */
class SectionNamesTest {

  @TempDir Path dir;

  @Test
  void config_profilePrefixAndDefault_areProfiles() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[default]\nregion = a\n[profile dev]\nregion = b\n");

    assertThat(profiles.names()).containsExactly("default", "dev");
    assertThat(profiles.properties("dev")).containsEntry("region", "b");
  }

  @Test
  void config_bareSection_isNotAProfile() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[dev]\nregion = b\n[profile ok]\nregion = c\n");

    assertThat(profiles.names()).containsExactly("ok");
  }

  @Test
  void config_ssoSessionAndServices_areNotProfilesAndKeepTheirKeys() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [profile dev]
        region = b
        [sso-session corp]
        sso_region = us-east-1
        [services local]
        sts =
          endpoint_url = http://127.0.0.1:1
        """);

    assertThat(profiles.names()).containsExactly("dev");
    assertThat(profiles.properties("dev")).containsOnlyKeys("region");
  }

  @Test
  void config_profileDefaultAfterDefault_winsEntirely() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [default]
        region = from-bare
        output = json
        [profile default]
        region = from-prefixed
        """);

    assertThat(profiles.properties("default"))
        .containsExactly(Map.entry("region", "from-prefixed"));
  }

  @Test
  void config_profileDefaultBeforeDefault_stillWins() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [profile default]
        region = from-prefixed
        [default]
        region = from-bare
        output = json
        """);

    assertThat(profiles.properties("default"))
        .containsExactly(Map.entry("region", "from-prefixed"));
  }

  @Test
  void config_spacesTabsAndCommentInHeader_areTrimmed() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[  profile\t  dev ]  # prod is elsewhere\nregion = b\n[profile x];c\nregion = c\n");

    assertThat(profiles.names()).containsExactly("dev", "x");
  }

  @Test
  void config_profileNameWithInvalidCharacters_isIgnored() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir, "[profile bad name!]\nregion = a\n[profile ok.a/b@c:d+e%f_-]\nregion = b\n");

    assertThat(profiles.names()).containsExactly("ok.a/b@c:d+e%f_-");
  }

  @Test
  void credentials_bareSection_namesTheProfile() throws Exception {
    AwsProfiles profiles =
        loadCredentials(dir, "[dev]\naws_access_key_id = A\n[default]\naws_access_key_id = B\n");

    assertThat(profiles.names()).containsExactly("dev", "default");
  }

  @Test
  void credentials_profilePrefix_isNotStrippedSoTheSectionIsIgnored() throws Exception {
    // SDK v2 takes the name literally ("profile dev"), which has a space and is therefore not a
    // valid name.
    AwsProfiles profiles =
        loadCredentials(dir, "[profile dev]\naws_access_key_id = A\n[ok]\naws_access_key_id = B\n");

    assertThat(profiles.names()).containsExactly("ok");
  }

  @Test
  void emptySection_isAProfileWithoutProperties() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile empty]\n[profile next]\nregion = r\n");

    assertThat(profiles.names()).containsExactly("empty", "next");
    assertThat(profiles.properties("empty")).isEmpty();
  }
}

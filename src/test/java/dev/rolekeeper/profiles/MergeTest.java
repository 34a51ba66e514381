package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.load;
import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Duplicate sections, duplicate keys, and one profile spread over both files. */
class MergeTest {

  @TempDir Path dir;

  @Test
  void duplicateSections_mergeWithLaterKeysWinning() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [profile a]
        region = first
        output = json
        [profile b]
        region = other
        [profile a]
        region = second
        """);

    assertThat(profiles.names()).containsExactly("a", "b");
    assertThat(profiles.properties("a"))
        .containsEntry("region", "second")
        .containsEntry("output", "json");
  }

  @Test
  void duplicateKeyInOneSection_laterWins() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile a]\nregion = first\nregion = second\n");

    assertThat(profiles.properties("a")).containsEntry("region", "second");
  }

  @Test
  void profileInBothFiles_credentialsValuesWinKeyByKey() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile a]\nregion = config-region\noutput = json\n",
            "[a]\nregion = credentials-region\naws_access_key_id = AKIA1\naws_secret_access_key = S\n");

    assertThat(profiles.names()).containsExactly("a");
    assertThat(profiles.properties("a"))
        .containsEntry("region", "credentials-region")
        .containsEntry("output", "json")
        .containsEntry("aws_access_key_id", "AKIA1");
  }

  @Test
  void roleInConfigWithKeysInCredentials_definedInIsTheConfigFile() throws Exception {
    AwsProfiles profiles =
        load(
            dir,
            "[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = keys\n",
            "[keys]\naws_access_key_id = AKIA1\naws_secret_access_key = S\n");

    ResolvedProfile resolved = profiles.resolve("r");

    assertThat(resolved.definedIn()).isEqualTo(dir.resolve("config"));
    assertThat(resolved.source()).isEqualTo(new Source.StaticKeys("AKIA1", "S", null));
  }

  @Test
  void namesFromBothFiles_configFirstWithoutDuplicates() throws Exception {
    AwsProfiles profiles = load(dir, "[default]\n[profile b]\n", "[c]\n[default]\n[b]\n");

    assertThat(profiles.names()).containsExactly("default", "b", "c");
  }

  @Test
  void corpus_readsEveryProfileAndSkipsNonProfiles() throws Exception {
    AwsProfiles profiles = ProfileFixtures.loadCorpus();

    assertThat(profiles.names())
        .containsExactlyInAnyOrder("default", "base", "admin", "spaced", "dup", "with/odd.chars@x");
    assertThat(profiles.properties("dup"))
        .containsEntry("region", "us-west-2")
        .containsEntry("output", "json");
    assertThat(profiles.properties("base"))
        .containsEntry("region", "us-east-1")
        .containsEntry("aws_access_key_id", "AKIABASE000000000001")
        .doesNotContainKeys(
            "max_concurrent_requests", "addressing_style", "sso_region", "endpoint_url");
    assertThat(profiles.properties("default"))
        .containsEntry("region", "eu-west-1")
        .containsEntry("aws_secret_access_key", "defaultSecret#with-hash")
        .containsEntry("aws_session_token", "tokenValue");
  }
}

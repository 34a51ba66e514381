package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static dev.rolekeeper.profiles.ProfileFixtures.loadCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messy lines: comments, inline comments, line ends, BOM, spacing, case, sub-sections and
 * continuations.
 */
class LineSyntaxTest {

  @TempDir Path dir;

  @Test
  void fullLineComments_hashAndSemicolon_areSkipped() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir, "# top\n; also\n[profile a]\n# region = wrong\n;region = wrong\nregion = r\n");

    assertThat(profiles.properties("a")).containsExactly(Map.entry("region", "r"));
  }

  @Test
  void inlineComment_afterWhitespace_endsTheValue() throws Exception {
    AwsProfiles profiles =
        loadConfig(dir, "[profile a]\nregion = r1 # note\noutput = json\t; note\n");

    assertThat(profiles.properties("a"))
        .containsEntry("region", "r1")
        .containsEntry("output", "json");
  }

  @Test
  void hashOrSemicolon_withoutWhitespaceBefore_staysInTheValue() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile a]\nexternal_id = ab#cd;ef\n");

    assertThat(profiles.properties("a")).containsEntry("external_id", "ab#cd;ef");
  }

  @Test
  void crlfLineEnds_areNotPartOfValues() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir, "[profile a]\r\nregion = r\r\nrole_arn = arn:aws:iam::123456789012:role/R\r\n");

    assertThat(profiles.properties("a"))
        .containsEntry("region", "r")
        .containsEntry("role_arn", "arn:aws:iam::123456789012:role/R");
  }

  @Test
  void bareCarriageReturnLineEnds_splitLines() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile a]\rregion = r\routput = json\r");

    assertThat(profiles.properties("a"))
        .containsEntry("region", "r")
        .containsEntry("output", "json");
  }

  @Test
  void utf8Bom_beforeFirstSection_isIgnored() throws Exception {
    Path credentials = dir.resolve("credentials");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Files.write(credentials, concat(bom, "[default]\r\naws_access_key_id = AKIA1\r\n".getBytes()));

    AwsProfiles profiles = AwsProfiles.load(new AwsFiles(dir.resolve("none"), credentials));

    assertThat(profiles.names()).containsExactly("default");
    assertThat(profiles.properties("default")).containsEntry("aws_access_key_id", "AKIA1");
  }

  @Test
  void noFinalNewline_lastValueIsRead() throws Exception {
    AwsProfiles profiles =
        AwsProfiles.load(
            new AwsFiles(ProfileFixtures.resource("no-final-newline-config"), dir.resolve("none")));

    assertThat(profiles.properties("nonl"))
        .containsEntry("role_arn", "arn:aws:iam::123456789012:role/NoNewline");
  }

  @Test
  void oddSpacingAroundEquals_isTrimmed() throws Exception {
    AwsProfiles profiles =
        loadConfig(dir, "[profile a]\nregion=r1\noutput   =    json   \ncli_pager\t=\tless\n");

    assertThat(profiles.properties("a"))
        .containsEntry("region", "r1")
        .containsEntry("output", "json")
        .containsEntry("cli_pager", "less");
  }

  @Test
  void keyCase_isKeptSoMiscasedKeysDoNotCount() throws Exception {
    AwsProfiles profiles =
        loadConfig(dir, "[profile a]\nRegion = upper\nregion = lower\nROLE_ARN = x\n");

    assertThat(profiles.properties("a"))
        .containsEntry("Region", "upper")
        .containsEntry("region", "lower")
        .containsEntry("ROLE_ARN", "x");
    assertThatThrownBy(() -> profiles.resolve("a"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("has no credentials")
        .hasMessageContaining("ROLE_ARN")
        .hasMessageContaining("case-sensitive");
  }

  @Test
  void valueWithEqualsSign_splitsAtTheFirstOne() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile a]\ncredential_process = tool --opt=a=b\n");

    assertThat(profiles.properties("a")).containsEntry("credential_process", "tool --opt=a=b");
  }

  @Test
  void backslashesAndQuotes_areKeptLiterally() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir, "[profile a]\ncredential_process = \"C:\\tools\\get.exe\" --n \\n ${HOME}\n");

    assertThat(profiles.properties("a"))
        .containsEntry("credential_process", "\"C:\\tools\\get.exe\" --n \\n ${HOME}");
  }

  @Test
  void nestedSubSection_doesNotLeakKeysIntoTheProfile() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            """
        [profile a]
        s3 =
          max_concurrent_requests = 20
          region = sub-section-region
        region = r
        """);

    assertThat(profiles.properties("a"))
        .containsOnlyKeys("s3", "region")
        .containsEntry("region", "r")
        .containsEntry("s3", "max_concurrent_requests = 20\nregion = sub-section-region");
  }

  @Test
  void subSectionLast_doesNotOverrideTheProfileKey() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile a]\nregion = r\ns3 =\n\tregion = other\n");

    assertThat(profiles.properties("a")).containsEntry("region", "r");
  }

  @Test
  void continuationLine_isAppendedToTheValue() throws Exception {
    AwsProfiles profiles =
        loadConfig(dir, "[profile a]\ncredential_process = first\n   second # kept\n");

    assertThat(profiles.properties("a"))
        .containsEntry("credential_process", "first\nsecond # kept");
  }

  @Test
  void indentedComment_isACommentNotAContinuation() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir,
            "[profile a]\n  # leading comment\ns3 =\n  # about s3\n  addressing_style = path\n");

    assertThat(profiles.properties("a")).containsEntry("s3", "addressing_style = path");
  }

  @Test
  void propertyNameWithInvalidCharacters_isIgnoredWithItsContinuations() throws Exception {
    AwsProfiles profiles = loadConfig(dir, "[profile a]\nbad key = x\n  more\nregion = r\n");

    assertThat(profiles.properties("a")).containsOnlyKeys("region");
  }

  @Test
  void emptyValue_isKeptAsEmptyButResolvesAsUnset() throws Exception {
    AwsProfiles profiles =
        loadCredentials(
            dir,
            "[a]\naws_access_key_id = AKIA1\naws_secret_access_key = S\naws_session_token =\n");

    assertThat(profiles.properties("a")).containsEntry("aws_session_token", "");
    assertThat(profiles.resolve("a").source()).isEqualTo(new Source.StaticKeys("AKIA1", "S", null));
  }

  @Test
  void linesOfIgnoredSections_areNotValidated() throws Exception {
    AwsProfiles profiles =
        loadConfig(
            dir, "[sso-session x]\nnot a property line\n  indented\n[profile a]\nregion = r\n");

    assertThat(profiles.names()).containsExactly("a");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}

package dev.rolekeeper.profiles;

import static dev.rolekeeper.profiles.ProfileFixtures.loadConfig;
import static dev.rolekeeper.profiles.ProfileFixtures.loadCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the SDKs refuse: a clear error naming file and line, never the line's (possibly secret)
 * content.
 */
class MalformedFileTest {

  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @TempDir Path dir;

  @Test
  void missingFiles_readAsNoProfiles() throws Exception {
    AwsProfiles profiles = AwsProfiles.load(new AwsFiles(dir.resolve("a"), dir.resolve("b")));

    assertThat(profiles.names()).isEmpty();
  }

  @Test
  void propertyBeforeAnySection_namesFileAndLine() {
    assertThatThrownBy(() -> loadConfig(dir, "# comment\nregion = r\n[profile a]\n"))
        .isInstanceOf(ProfileException.class)
        .hasMessage(dir.resolve("config") + " line 2: a property appears before any [section]");
  }

  @Test
  void lineWithoutEquals_namesLineButNotItsContent() {
    assertThatThrownBy(
            () ->
                loadCredentials(
                    dir, "[a]\naws_access_key_id = AKIA1\naws_secret_access_key " + SECRET + "\n"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining(dir.resolve("credentials").toString())
        .hasMessageContaining("line 3")
        .hasMessageContaining("expected 'name = value'")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void sectionHeaderWithoutClosingBracket_isAnError() {
    assertThatThrownBy(() -> loadConfig(dir, "[profile a]\nregion = r\n[profile b\nregion = s\n"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("line 3: a section header must end with ']'");
  }

  @Test
  void propertyWithoutName_isAnError() {
    assertThatThrownBy(() -> loadConfig(dir, "[profile a]\n= value\n"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("line 2: the property has no name");
  }

  @Test
  void indentedLineRightAfterHeader_isAnError() {
    assertThatThrownBy(() -> loadConfig(dir, "[profile a]\n  max_concurrent_requests = 20\n"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("line 2: an indented line must follow a property");
  }

  @Test
  void subSectionLineWithoutEquals_isAnErrorWithoutContent() {
    assertThatThrownBy(() -> loadConfig(dir, "[profile a]\ns3 =\n  " + SECRET + "\n"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("line 3: an indented line under 's3 =' must be 'name = value'")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void crlfFile_errorLineNumbersCountCrlfOnce() {
    assertThatThrownBy(() -> loadConfig(dir, "[profile a]\r\n\r\nregion r\r\n"))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("line 3:");
  }

  @Test
  void directoryInsteadOfFile_isAReadError() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("config"));

    assertThatThrownBy(() -> AwsProfiles.load(new AwsFiles(directory, dir.resolve("none"))))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("cannot read " + directory);
  }

  @Test
  void invalidUtf8InAComment_doesNotFailTheFile() throws Exception {
    Path config = dir.resolve("config");
    Files.write(
        config,
        new byte[] {
          '#',
          ' ',
          (byte) 0xE9,
          '\n',
          '[',
          'd',
          'e',
          'f',
          'a',
          'u',
          'l',
          't',
          ']',
          '\n',
          'r',
          'e',
          'g',
          'i',
          'o',
          'n',
          '=',
          'r',
          '\n'
        });

    AwsProfiles profiles = AwsProfiles.load(new AwsFiles(config, dir.resolve("none")));

    assertThat(profiles.properties("default")).containsEntry("region", "r");
  }
}

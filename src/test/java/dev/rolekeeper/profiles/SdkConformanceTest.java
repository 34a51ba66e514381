package dev.rolekeeper.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Differential test: every text is parsed by our reader and by the AWS SDK for Java v2's {@link
 * ProfileFile}, and the profiles and properties must agree. Known differences are normalised away:
 * a sub-section value's leading newline (trimmed by ini4j) and the SDK's flattened {@code s3.key}
 * entries. Where we deliberately differ (a UTF-8 BOM, which the SDK rejects; indented comments,
 * where we follow the AWS CLI) is tested in {@link LineSyntaxTest}.
 */
class SdkConformanceTest {

  private static final Path FILE = Path.of("/conformance/file");

  static Stream<Arguments> texts() throws Exception {
    return Stream.of(
        config("corpus config", Files.readString(ProfileFixtures.resource("messy-config"))),
        credentials(
            "corpus credentials", Files.readString(ProfileFixtures.resource("messy-credentials"))),
        config(
            "no final newline",
            Files.readString(ProfileFixtures.resource("no-final-newline-config"))),
        config("crlf", "[profile a]\r\nregion = r # c\r\ns3 =\r\n  x = 1\r\n"),
        config("bare cr", "[profile a]\rregion = r\r"),
        config(
            "default then profile default", "[default]\na = 1\nb = 2\n[profile default]\na = 3\n"),
        config(
            "profile default then default", "[profile default]\na = 3\n[default]\na = 1\nb = 2\n"),
        config(
            "bare and other sections",
            "[x]\na = 1\n[sso-session s]\nb = 2\n[services t]\nc = 3\n[profile y]\nd = 4\n"),
        credentials("profile prefix in credentials", "[profile x]\na = 1\n[y]\nb = 2\n"),
        config(
            "inline comments", "[profile a] ;c\na = v #c\nb = v#c\nc = v\t;c\nd = v;c\ne = #c\n"),
        config(
            "continuations",
            "[profile a]\np = first\n  second ; kept\n\tthird\nq =\n  k = v\n  k2=v2\n"),
        config(
            "duplicates",
            "[profile a]\nk = 1\nk = 2\n[profile b]\nk = 3\n[profile a]\nk = 4\nj = 5\n"),
        config(
            "odd keys",
            "[profile a]\nRole_Arn = x\n  KEY  =  v  \nbad key = y\n  cont\nok.key/x@y:z+w%q = 1\n"),
        config(
            "odd names",
            "[profile a b]\nk = 1\n[profile ok-name_1]\nk = 2\n[profile\tTAB]\nk = 3\n"),
        config("blank lines everywhere", "\n\n[profile a]\n\n   \nk = 1\n\t\n"),
        config("equals in value", "[profile a]\ncredential_process = sh -c 'a=b c=d'\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void parse_sameProfilesAndPropertiesAsSdkV2(String name, ProfileFileKind kind, String text)
      throws Exception {
    Map<String, Map<String, String>> ours = ProfileFileReader.parse(FILE, kind, text);

    assertThat(ours).isEqualTo(sdk(kind, text));
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        config("property before section", "a = 1\n[profile a]\n"),
        config("no equals", "[profile a]\nnot a property\n"),
        config("no name", "[profile a]\n= 1\n"),
        config("unclosed header", "[profile a\n"),
        config("indented line after header", "[profile a]\n  k = v\n"),
        config("sub-property without equals", "[profile a]\ns3 =\n  novalue\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void parse_brokenText_bothRefuse(String name, ProfileFileKind kind, String text) {
    assertThatThrownBy(() -> sdk(kind, text)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProfileFileReader.parse(FILE, kind, text))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith(FILE + " line ");
  }

  @Test
  void aggregate_credentialsWinOverConfigLikeSdkV2() throws Exception {
    Path config = ProfileFixtures.resource("messy-config");
    Path credentials = ProfileFixtures.resource("messy-credentials");
    ProfileFile sdk =
        ProfileFile.aggregator()
            .addFile(
                ProfileFile.builder()
                    .content(credentials)
                    .type(ProfileFile.Type.CREDENTIALS)
                    .build())
            .addFile(
                ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build())
            .build();

    AwsProfiles ours = AwsProfiles.load(new AwsFiles(config, credentials));

    assertThat(ours.names()).containsExactlyInAnyOrderElementsOf(sdk.profiles().keySet());
    for (String profile : ours.names()) {
      assertThat(ours.properties(profile))
          .as(profile)
          .isEqualTo(normalised(sdk.profiles().get(profile).properties()));
    }
  }

  private static Map<String, Map<String, String>> sdk(ProfileFileKind kind, String text) {
    ProfileFile file =
        ProfileFile.builder()
            .content(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
            .type(
                kind == ProfileFileKind.CONFIG
                    ? ProfileFile.Type.CONFIGURATION
                    : ProfileFile.Type.CREDENTIALS)
            .build();
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    file.profiles()
        .forEach((name, profile) -> profiles.put(name, normalised(profile.properties())));
    return profiles;
  }

  private static Map<String, String> normalised(Map<String, String> properties) {
    Map<String, String> copy = new LinkedHashMap<>();
    properties.forEach(
        (key, value) -> {
          int dot = key.indexOf('.');
          // Profile.properties() adds "s3.key" entries flattened from an "s3 =" sub-section; the
          // reader does not.
          if (dot < 0 || !properties.containsKey(key.substring(0, dot))) {
            copy.put(key, value.startsWith("\n") ? value.substring(1) : value);
          }
        });
    return copy;
  }

  private static Arguments config(String name, String text) {
    return Arguments.of(name, ProfileFileKind.CONFIG, text);
  }

  private static Arguments credentials(String name, String text) {
    return Arguments.of(name, ProfileFileKind.CREDENTIALS, text);
  }
}

package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.credfile.SectionSplicer.Splice;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.profiles.ProfileFile;

class SectionSplicerTest {

  private static final Path FILE = Path.of("/home/u/.aws/credentials");
  private static final String SECTION = "rk-sync";

  /** Read by botocore, refused by the Java SDK's parser. */
  private static final Object[] REJECTED_BY_JAVA_SDK = {
    "odd spacing", "bom", "lone carriage return in a value"
  };

  /** Messy but valid credentials files; every byte of them must survive. */
  static Stream<Arguments> corpus() {
    return Stream.of(
        utf8("empty", ""),
        utf8("only comments", "# a\n; b\n"),
        utf8(
            "long-term keys",
            "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s3cr3t\n"),
        utf8("no final newline", "[default]\nkey=value"),
        utf8("crlf", "[default]\r\naws_access_key_id = AKIA\r\n\r\n# c\r\n[other]\r\nk = v\r\n"),
        utf8("crlf no final newline", "[a]\r\nk=v"),
        utf8(
            "odd spacing",
            "  # indented comment\n[ default ]   ; trailing comment\nkey=value\n"
                + "   # indented comment in a section\n   \n[profile x]\nk =\nother:value with : colon\n"),
        utf8(
            "nested sub-section",
            "[dev]\ns3 =\n  max_concurrent_requests = 20\n\tsignature_version = s3v4\n"
                + "region=eu-west-1\n"),
        utf8("unicode", "# café ☕\n[ünï]\nk = välue\n"),
        utf8("bom", "\uFEFF[default]\nk=v\n"),
        utf8("trailing blank lines", "[a]\nk=v   \n   \n\n\n"),
        utf8("mixed line endings", "[a]\r\nk=v\n[b]\nk=v\r\n"),
        utf8("unknown and duplicate keys", "[a]\nfoo=1\nfoo=2\nweird_key_ = = x\n"),
        utf8("tabs", "[a]\nk\t=\tv\t\n\t\n"),
        utf8("comment after last key", "[a]\nk=v\n# about b\n\n[b]\nk=v\n"),
        utf8("only a blank line", "\n"),
        utf8("lone carriage return in a value", "[a]\nk=v\rw\n"),
        Arguments.of("latin-1 bytes", bytes("[a]\nk=caf\u00e9\n", StandardCharsets.ISO_8859_1)),
        Arguments.of(
            "invalid utf-8",
            new byte[] {'[', 'a', ']', '\n', 'k', '=', (byte) 0xff, (byte) 0xc3, '\n'}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void put_thenRemove_givesBackEveryByte(String name, byte[] original) throws Exception {
    byte[] written = put(original, 1);
    byte[] removed =
        changedBytes(SectionSplicer.remove(IniText.parse(written, FILE), FILE, SECTION));

    assertThat(removed).isEqualTo(original);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void put_onAnyFile_keepsOriginalAsPrefixAndAppendsOurSection(String name, byte[] original)
      throws Exception {
    String eol = IniText.parse(original, FILE).lineEnding();
    String text = latin1(original);
    String separator = text.isEmpty() || text.endsWith("\n") ? "" : eol;

    String written = latin1(put(original, 1));

    assertThat(written)
        .startsWith(text + separator + "[" + SECTION + "]" + eol + ManagedSection.MARKER);
    assertThat(written.endsWith("\n")).isEqualTo(text.isEmpty() || text.endsWith("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void put_onManagedSectionInTheMiddle_changesOnlyThatSection(String name, byte[] original)
      throws Exception {
    String eol = IniText.parse(original, FILE).lineEnding();
    String withOurs = latin1(put(original, 1));
    String head = withOurs.substring(0, withOurs.indexOf("[" + SECTION + "]"));
    String after =
        (withOurs.endsWith("\n") ? "" : eol)
            + eol
            + "# about last"
            + eol
            + "[last]"
            + eol
            + "k = v"
            + eol;
    byte[] middle = (withOurs + after).getBytes(StandardCharsets.ISO_8859_1);

    String updated =
        latin1(
            changedBytes(
                SectionSplicer.put(
                    IniText.parse(middle, FILE),
                    FILE,
                    SECTION,
                    ManagedSection.render(SECTION, TestCredentials.numbered("x", 2)))));

    String ours1 =
        String.join(eol, ManagedSection.render(SECTION, TestCredentials.numbered("x", 1)));
    String ours2 =
        String.join(eol, ManagedSection.render(SECTION, TestCredentials.numbered("x", 2)));
    assertThat(updated)
        .isEqualTo((withOurs + after).replace(ours1, ours2))
        .startsWith(head + ours2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void put_twice_secondReplacesFirstAndRemovesCleanly(String name, byte[] original)
      throws Exception {
    byte[] once = put(original, 1);
    byte[] twice =
        changedBytes(
            SectionSplicer.put(
                IniText.parse(once, FILE),
                FILE,
                SECTION,
                ManagedSection.render(SECTION, TestCredentials.numbered("x", 2))));

    assertThat(latin1(twice)).contains("secret-x-2").doesNotContain("secret-x-1");
    assertThat(twice.length).isEqualTo(once.length);
    byte[] removed = changedBytes(SectionSplicer.remove(IniText.parse(twice, FILE), FILE, SECTION));
    assertThat(removed).isEqualTo(original);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void put_usesTheFilesLineEndingInsideOurSection(String name, byte[] original) throws Exception {
    String eol = IniText.parse(original, FILE).lineEnding();
    String written = latin1(put(original, 1));
    String ours = written.substring(written.indexOf("[" + SECTION + "]"));

    if (eol.equals("\r\n")) {
      assertThat(ours.replace("\r\n", "")).doesNotContain("\n");
    } else {
      assertThat(ours).doesNotContain("\r");
    }
  }

  /**
   * The corpus files the Java SDK can read. Some messy files are read by botocore but rejected by
   * the Java SDK's stricter parser: with nothing to compare against, they are left out here (and
   * named in the test below).
   */
  static Stream<Arguments> sdkReadableCorpus() {
    return corpus().filter(entry -> sdkProfilesOrNull((byte[]) entry.get()[1]) != null);
  }

  @Test
  void corpus_filesTheJavaSdkRejects_areOnlyTheKnownOnes() {
    List<Object> rejected =
        corpus()
            .filter(entry -> sdkProfilesOrNull((byte[]) entry.get()[1]) == null)
            .map(entry -> entry.get()[0])
            .toList();

    assertThat(rejected).containsExactlyInAnyOrder(REJECTED_BY_JAVA_SDK);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sdkReadableCorpus")
  void put_awsSdkReadsOtherProfilesAsBeforeAndOursAsWritten(String name, byte[] original)
      throws Exception {
    Map<String, Map<String, String>> before = sdkProfiles(original);
    AwsCredentials credentials = TestCredentials.numbered("x", 1);

    Map<String, Map<String, String>> after = new HashMap<>(sdkProfiles(put(original, 1)));
    Map<String, String> ours = after.remove(SECTION);

    assertThat(after).isEqualTo(before);
    assertThat(ours)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "aws_access_key_id",
                credentials.accessKeyId(),
                "aws_secret_access_key",
                credentials.secretAccessKey(),
                "aws_session_token",
                credentials.sessionToken()));
  }

  @Test
  void put_managedSectionAtEndWithoutFinalNewline_keepsItWithout() throws Exception {
    String text = "[a]\nk=v\n" + latin1(sectionOnly(1)).stripTrailing();
    byte[] updated =
        changedBytes(
            SectionSplicer.put(
                IniText.parse(bytes(text, StandardCharsets.ISO_8859_1), FILE),
                FILE,
                SECTION,
                ManagedSection.render(SECTION, TestCredentials.numbered("x", 2))));

    assertThat(latin1(updated)).isEqualTo("[a]\nk=v\n" + latin1(sectionOnly(2)).stripTrailing());
  }

  @Test
  void remove_absentSection_isUnchanged() throws Exception {
    Splice splice =
        SectionSplicer.remove(
            IniText.parse(bytes("[a]\nk=v\n", StandardCharsets.UTF_8), FILE), FILE, SECTION);

    assertThat(splice).isInstanceOf(Splice.Unchanged.class);
  }

  private static byte[] put(byte[] original, int n) throws Exception {
    return changedBytes(
        SectionSplicer.put(
            IniText.parse(original, FILE),
            FILE,
            SECTION,
            ManagedSection.render(SECTION, TestCredentials.numbered("x", n))));
  }

  private static byte[] sectionOnly(int n) throws Exception {
    return put(new byte[0], n);
  }

  private static Map<String, Map<String, String>> sdkProfilesOrNull(byte[] bytes) {
    try {
      return sdkProfiles(bytes);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, Map<String, String>> sdkProfiles(byte[] bytes) {
    ProfileFile file =
        ProfileFile.builder()
            .content(new ByteArrayInputStream(bytes))
            .type(ProfileFile.Type.CREDENTIALS)
            .build();
    Map<String, Map<String, String>> profiles = new HashMap<>();
    file.profiles().forEach((profile, values) -> profiles.put(profile, values.properties()));
    return profiles;
  }

  static byte[] changedBytes(Splice splice) {
    assertThat(splice).isInstanceOf(Splice.Changed.class);
    return ((Splice.Changed) splice).bytes();
  }

  private static Arguments utf8(String name, String text) {
    return Arguments.of(name, bytes(text, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String text, Charset charset) {
    return text.getBytes(charset);
  }

  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}

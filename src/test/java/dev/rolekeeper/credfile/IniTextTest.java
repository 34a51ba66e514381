package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.credfile.IniText.InvalidIniException;
import dev.rolekeeper.credfile.IniText.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IniTextTest {

  private static final Path FILE = Path.of("/home/u/.aws/credentials");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "key before any section | k = v\\n[a]\\n | 1 | a key before the first [section] header",
        "garbage line | [a]\\nk = v\\nthis is not ini SECRETVALUE\\n | 3 | neither a comment",
        "unclosed header | [a]\\nk=v\\n[b\\n | 3 | a section header without a closing ']'",
        "empty header | []\\n | 1 | a section header with an empty name",
        "text after header | [a] junk\\n | 1 | text after a section header",
        "indented line with no key | [a]\\n  indented SECRETVALUE\\n | 2 | an indented line that continues no key",
        "missing key name | [a]\\n= SECRETVALUE\\n | 2 | neither a comment"
      })
  void parse_invalidLine_namesFileAndLineButNotContent(
      String name, String text, int line, String what) {
    byte[] bytes = text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> IniText.parse(bytes, FILE))
        .isInstanceOf(InvalidIniException.class)
        .hasMessageContaining(FILE.toString())
        .hasMessageContaining("line " + line + " is " + what)
        .message()
        .doesNotContain("SECRETVALUE");
  }

  @Test
  void parse_messyFile_classifiesEveryLine() throws Exception {
    String text =
        "# c\r\n\r\n[ a ] ; note\r\nk = v\r\n  more\r\n  ; indented comment\r\n[b]\r\nx:y";

    IniText ini = IniText.parse(text.getBytes(StandardCharsets.UTF_8), FILE);

    assertThat(ini.lines())
        .extracting(IniText.Line::kind)
        .containsExactly(
            Kind.COMMENT,
            Kind.BLANK,
            Kind.HEADER,
            Kind.KEY,
            Kind.CONTINUATION,
            Kind.COMMENT,
            Kind.HEADER,
            Kind.KEY);
    assertThat(ini.lines())
        .extracting(IniText.Line::section)
        .containsExactly(null, null, "a", "a", "a", "a", "b", "b");
    assertThat(ini.lineEnding()).isEqualTo("\r\n");
    assertThat(ini.headersOf("a")).hasSize(1);
  }

  @Test
  void lineEnding_fileWithoutTerminators_isLf() throws Exception {
    assertThat(IniText.parse("[a]".getBytes(StandardCharsets.UTF_8), FILE).lineEnding())
        .isEqualTo("\n");
  }

  @Test
  void headersOf_nonAsciiName_matchesUtf8Bytes() throws Exception {
    IniText ini = IniText.parse("[ünï]\nk=v\n".getBytes(StandardCharsets.UTF_8), FILE);

    assertThat(ini.headersOf("ünï")).hasSize(1);
  }
}

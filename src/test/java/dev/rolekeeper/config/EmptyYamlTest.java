package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class EmptyYamlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\n\n",
        "   \n",
        "# rolekeeper demo: every setting comes from the environment it passes.\n",
        "# listen:\n#   port: 7000\n  # indented\n\n",
        "# CRLF\r\n#\r\n",
        "# no final newline",
        "# ünïcode — comments: é, 日本\n"
      })
  void is_onlyBlankLinesAndComments_isTrueAndTheParserAgrees(String text) {
    assertThat(EmptyYaml.is(text)).isTrue();
    assertThat(parse(text)).as("snakeyaml reads it as an empty document").isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "listen:\n  port: 7000\n",
        "# comment\nstateDir: /tmp/x\n",
        "port: 1 # trailing comment\n",
        "---\n",
        "\t\n",
        "\t# a tab before a comment\n",
        "# a control character \u0001\n",
        "\uFEFF# a byte-order mark\n",
        "\u00A0\n",
        "#a\rb: 1\n"
      })
  void is_anythingElse_isFalseSoTheParserDecides(String text) {
    assertThat(EmptyYaml.is(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\t\n", "\t# a tab before a comment\n", "# a control character \u0001\n"})
  void is_textTheParserRefuses_isFalseSoItsErrorIsKept(String text) {
    assertThatThrownBy(() -> parse(text)).isInstanceOf(RuntimeException.class);
    assertThat(EmptyYaml.is(text)).isFalse();
  }

  private static Object parse(String text) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
  }
}

package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The bash/zsh completion script `generate-completion` prints, exercised in a real bash; and every
 * help text.
 */
class CompletionTest {

  @TempDir Path dir;

  private Path script;

  @BeforeEach
  void generate() throws IOException {
    StringWriter out = new StringWriter();
    CommandLine line = CommandTree.whole();
    line.setOut(new PrintWriter(out, true));
    assertThat(line.execute("generate-completion")).isZero();
    script = Files.writeString(dir.resolve("rolekeeper_completion"), out.toString());
  }

  private static Set<String> subcommands() {
    return new TreeSet<>(CommandTree.whole().getSubcommands().keySet());
  }

  @Test
  void script_mentionsEverySubcommand() throws IOException {
    String text = Files.readString(script);

    assertThat(subcommands())
        .hasSizeGreaterThanOrEqualTo(11)
        .allSatisfy(name -> assertThat(text).contains(name));
  }

  @Test
  void bash_emptyWord_offersEverySubcommand() throws Exception {
    assertThat(complete("rolekeeper", "")).containsAll(subcommands());
  }

  @Test
  void bash_prefix_completesTheCommand() throws Exception {
    assertThat(complete("rolekeeper", "sta")).containsExactly("status");
    assertThat(complete("rolekeeper", "install")).containsExactly("install-service");
  }

  @Test
  void bash_runOptions_offersConfigStateDirAndPort() throws Exception {
    assertThat(complete("rolekeeper run", "--"))
        .contains("--config", "--state-dir", "--port", "--help");
  }

  @Test
  void help_everyCommand_describesItselfAndEveryOptionAndParameter() {
    CommandLine top = CommandTree.whole();
    List<CommandLine> commands = new java.util.ArrayList<>(top.getSubcommands().values());
    commands.add(top);
    for (CommandLine command : commands) {
      String name = command.getCommandName();
      assertThat(command.getCommandSpec().usageMessage().description()).as(name).isNotEmpty();
      for (OptionSpec option : command.getCommandSpec().options()) {
        assertThat(String.join(" ", option.description()))
            .as(name + " " + option.longestName())
            .isNotBlank();
      }
      command
          .getCommandSpec()
          .positionalParameters()
          .forEach(
              parameter ->
                  assertThat(String.join(" ", parameter.description()))
                      .as(name + " " + parameter.paramLabel())
                      .isNotBlank());
    }
  }

  @Test
  void version_everyCommand_printsTheVersion() {
    for (String name : subcommands()) {
      StringWriter version = new StringWriter();
      CommandLine top = CommandTree.whole();
      top.setOut(new PrintWriter(version, true));
      assertThat(top.execute(name, "--version")).as(name).isZero();
      assertThat(version.toString()).as(name + " --version").startsWith("rolekeeper ");
    }
  }

  /**
   * Runs the completion function in bash for {@code line} followed by {@code word}; returns
   * COMPREPLY.
   */
  private List<String> complete(String line, String word) throws Exception {
    String words = line + " " + word;
    String program =
        String.join(
            "\n",
            "source '" + script + "' 2>/dev/null",
            "COMP_LINE='" + words + "'",
            "COMP_POINT=${#COMP_LINE}",
            "COMP_WORDS=(" + words + (word.isEmpty() ? " ''" : "") + ")",
            "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
            "_complete_rolekeeper 2>/dev/null",
            "printf '%s\\n' \"${COMPREPLY[@]}\"");
    Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(false).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).isZero();
    return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}

package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@link QuickCommandLine} and picocli read every form the quick reader takes into the same
 * command, and the quick reader leaves everything else to picocli.
 */
class QuickCommandLineTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "status",
        "status --json",
        "status --state-dir /tmp/rk",
        "status --state-dir=/tmp/rk --config c.yaml --json",
        "status --config=relative/c.yaml",
        "env prod",
        "env prod --shell fish",
        "env --shell=zsh prod",
        "env prod --state-dir d --config=c",
        "env --shell= prod",
        "env préprod",
        "credential-process prod",
        "credential-process --config=f prod",
        "credential-process prod --state-dir=",
        "refresh prod",
        "refresh --state-dir d prod",
        "run",
        "run --port 0",
        "run --port=9911 --state-dir d --config=c.yaml",
        "run --config /etc/rk.yaml --port 00042",
        "run --state-dir="
      })
  void plainForm_quickReader_setsWhatPicocliSets(String line) {
    String[] args = line.split(" ");

    Optional<PlainCommand> quick = QuickCommandLine.parse(args);

    assertThat(quick).as(line).isPresent();
    assertThat(fields(quick.get())).as(line).isEqualTo(fields(picocli(args)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "status -h",
        "status --help",
        "status --version",
        "status -V",
        "status extra",
        "status --json --json",
        "status --json=true",
        "status --state-dir",
        "status --state-dir --json",
        "status --state-dir a --state-dir b",
        "status --stat=x",
        "env",
        "env a b",
        "env @args.txt",
        "env -- prod",
        "env prod --shell",
        "env prod --sh fish",
        "env prod --json",
        "env prod --state-dir @dir",
        "credential-process",
        "credential-process prod --shell fish",
        "refresh",
        "refresh -x prod",
        "version",
        "mfa 123456",
        "run extra",
        "run --port",
        "run --port abc",
        "run --port -1",
        "run --port 123456",
        "run --port=",
        "run --port 1 --port 2",
        "run --json",
        "run --shell fish",
        "run --help",
        "run -V",
        "demo",
        "--help"
      })
  void otherForm_quickReader_leavesItToPicocli(String line) {
    assertThat(QuickCommandLine.parse(line.split(" "))).as(line).isEmpty();
  }

  private static PlainCommand picocli(String[] args) {
    PlainCommand command =
        switch (args[0]) {
          case "run" -> new RunCommand();
          case "status" -> new StatusCommand();
          case "env" -> new EnvCommand();
          case "credential-process" -> new CredentialProcessCommand();
          case "refresh" -> new RefreshCommand();
          default -> throw new IllegalArgumentException(args[0]);
        };
    new CommandLine(command).parseArgs(Arrays.copyOfRange(args, 1, args.length));
    return command;
  }

  /** What the command will act on: its options and arguments, and which command it is. */
  private static Map<String, Object> fields(PlainCommand command) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("command", command.getClass().getSimpleName());
    if (command instanceof RunCommand run) {
      fields.put("stateDir", run.stateDir);
      fields.put("config", run.config);
      fields.put("port", run.port);
    }
    if (command instanceof ClientCommand client) {
      fields.put("stateDir", client.daemon.stateDir);
      fields.put("config", client.daemon.config);
    }
    if (command instanceof StatusCommand status) {
      fields.put("json", status.json);
    }
    if (command instanceof ProfileCommand profileCommand) {
      fields.put("profile", profileCommand.profile);
    }
    if (command instanceof EnvCommand env) {
      fields.put("shell", env.shell);
    }
    return fields;
  }
}

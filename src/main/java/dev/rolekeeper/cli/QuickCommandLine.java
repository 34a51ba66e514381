package dev.rolekeeper.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The plain forms of the commands that run most often, read without picocli: {@code status
 * [--json]}, {@code env PROFILE [--shell SHELL]}, {@code credential-process PROFILE} and {@code
 * refresh PROFILE}, each with {@code --state-dir DIR} and {@code --config FILE}; and the daemon's
 * {@code run} with those two and {@code --port PORT}. Options are written {@code --name VALUE} or
 * {@code --name=VALUE}, in any order.
 *
 * <p>Why: {@code credential-process} runs on every AWS CLI call that uses it and {@code env} in
 * shell start-up files, and building picocli's model by reflection was about a third of such a
 * start. The daemon runs all day: picocli's 170 classes, loaded only to read its three options,
 * would stay in its memory all day. Anything else (help, {@code --version}, an unknown, repeated or
 * value-less option, a missing or extra argument, an {@code @argument-file}, {@code --}) comes back
 * empty and picocli reads it as before, with its own messages. {@code QuickCommandLineTest} holds
 * the two readers to the same result for every form this one takes.
 */
final class QuickCommandLine {

  private static final Set<String> DAEMON_OPTIONS = Set.of("--state-dir", "--config");

  private QuickCommandLine() {}

  /**
   * The command {@code args} name, with its options set, or empty when picocli should read them.
   */
  static Optional<PlainCommand> parse(String[] args) {
    if (args.length == 0) {
      return Optional.empty();
    }
    PlainCommand command =
        switch (args[0]) {
          case "run" -> new RunCommand();
          case "status" -> new StatusCommand();
          case "env" -> new EnvCommand();
          case "credential-process" -> new CredentialProcessCommand();
          case "refresh" -> new RefreshCommand();
          default -> null;
        };
    if (command == null) {
      return Optional.empty();
    }
    List<String> positional = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("@") || arg.equals("--")) {
        return Optional.empty();
      }
      if (!arg.startsWith("-")) {
        positional.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!seen.add(name)) {
        return Optional.empty();
      }
      if (name.equals("--json") && eq < 0 && command instanceof StatusCommand status) {
        status.json = true;
        continue;
      }
      if (!takesValue(command, name)) {
        return Optional.empty();
      }
      String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
      if (value == null
          || value.startsWith("-")
          || value.startsWith("@")
          || (name.equals("--port") && !isPort(value))) {
        return Optional.empty();
      }
      set(command, name, value);
    }
    return setPositional(command, positional) ? Optional.of(command) : Optional.empty();
  }

  /** Runs a parsed command on the process's own streams: its exit status. */
  static int run(PlainCommand command) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    command.printTo(out, err);
    try {
      return command.call();
    } catch (RuntimeException e) {
      // as picocli reports an exception a command throws
      e.printStackTrace(err);
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static boolean takesValue(PlainCommand command, String name) {
    return DAEMON_OPTIONS.contains(name)
        || (name.equals("--shell") && command instanceof EnvCommand)
        || (name.equals("--port") && command instanceof RunCommand);
  }

  private static void set(PlainCommand command, String name, String value) {
    if (command instanceof RunCommand run) {
      setRun(run, name, value);
      return;
    }
    ClientCommand client = (ClientCommand) command;
    switch (name) {
      case "--state-dir" -> client.daemon.stateDir = Path.of(value);
      case "--config" -> client.daemon.config = Path.of(value);
      case "--shell" -> ((EnvCommand) client).shell = value;
      default -> throw new IllegalArgumentException(name);
    }
  }

  /** A port as picocli would read it, and no other form: one to five digits. */
  private static boolean isPort(String value) {
    return !value.isEmpty() && value.length() <= 5 && value.chars().allMatch(Character::isDigit);
  }

  private static void setRun(RunCommand run, String name, String value) {
    switch (name) {
      case "--state-dir" -> run.stateDir = Path.of(value);
      case "--config" -> run.config = Path.of(value);
      case "--port" -> run.port = Integer.valueOf(value);
      default -> throw new IllegalArgumentException(name);
    }
  }

  private static boolean setPositional(PlainCommand command, List<String> positional) {
    if (command instanceof StatusCommand || command instanceof RunCommand) {
      return positional.isEmpty();
    }
    if (positional.size() != 1) {
      return false;
    }
    ((ProfileCommand) command).profile = positional.get(0);
    if (command instanceof EnvCommand env && env.shell == null) {
      env.shell = EnvCommand.DEFAULT_SHELL;
    }
    return true;
  }
}

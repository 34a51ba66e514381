package dev.rolekeeper.cli;

import dev.rolekeeper.mfa.MfaCode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rolekeeper mfa [--device ARN] [CODE]}: gives the daemon an MFA code for a pending prompt.
 * Without CODE the code is read from the terminal without echo, once the daemon has said which
 * device waits (the prompt names it and its profiles; nothing waiting, or several and no {@code
 * --device}, is said without asking for a code), or from stdin when there is no terminal. A CODE on
 * the command line works, with a warning on stderr: every user of the machine can read a command
 * line ({@code ps}, {@code /proc/PID/cmdline}) while it runs. Exit codes: 0 accepted, 1 refused by
 * the daemon (message says why), 2 bad input.
 */
@Command(
    name = "mfa",
    mixinStandardHelpOptions = true,
    description = {
      "Give the daemon the MFA code it is waiting for.",
      "Type it when asked (it is not shown), or pipe it in: ykman oath accounts code -s me | rolekeeper mfa"
    })
public final class MfaCommand implements Callable<Integer> {

  static final String PATH = "/control/mfa";

  static final String ARGV_WARNING =
      "rolekeeper mfa: warning: a code on the command line is visible to every user of this"
          + " machine (ps, /proc) while the command runs; run `rolekeeper mfa` and type it, or"
          + " pipe it in";

  @Option(
      names = "--device",
      paramLabel = "ARN",
      description =
          "The MFA device (mfa_serial) the code is from; needed when several are waiting.")
  String device;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CODE",
      description =
          "The 6-digit code. Better left out: then it is typed without echo (or piped on stdin);"
              + " a code given here is visible to every user of this machine (ps,"
              + " /proc/PID/cmdline) while the command runs.")
  String code;

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin DaemonOptions daemonOptions = new DaemonOptions();

  private final DaemonClient daemon;
  private final Supplier<Console> console;
  private final BufferedReader stdin;

  /**
   * The command as registered by {@code Main}: it finds the daemon through {@code --state-dir} /
   * the settings.
   */
  public MfaCommand() {
    this(null);
  }

  /** The command talking to {@code daemon}, or to the daemon the options name when it is null. */
  public MfaCommand(DaemonClient daemon) {
    this(
        daemon,
        System::console,
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
  }

  MfaCommand(DaemonClient daemon, Supplier<Console> console, BufferedReader stdin) {
    this.daemon = daemon;
    this.console = console;
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (code != null) {
      err.println(ARGV_WARNING);
    }
    String chosen = device == null || device.isBlank() ? null : device.strip();
    try {
      DaemonClient client = null;
      String text;
      Console terminal = code == null ? console.get() : null;
      if (code != null) {
        text = code.strip();
      } else if (terminal != null) {
        // Asked first, so nobody types a code for nothing, and the prompt says whose code it is.
        client = connect();
        Optional<String> waiting = waitingFor(client, chosen, err);
        if (waiting.isEmpty()) {
          return 1;
        }
        text = readFromTerminal(terminal, "MFA code for " + waiting.get() + ": ");
      } else {
        String line = stdin.readLine();
        text = line == null ? null : line.strip();
      }
      if (text == null) {
        err.println("rolekeeper mfa: no code given: type it when asked, or pipe it in");
        return 2;
      }
      if (!MfaCode.isWellFormed(text)) {
        err.println("rolekeeper mfa: the code must be exactly 6 digits");
        return 2;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("code", text);
      if (chosen != null) {
        body.put("device", chosen);
      }
      Map<String, Object> answer = (client != null ? client : connect()).post(PATH, body);
      out.println(answer.getOrDefault("message", "code accepted"));
      return 0;
    } catch (DaemonClient.DaemonException e) {
      err.println("rolekeeper mfa: " + e.getMessage());
      return 1;
    }
  }

  private DaemonClient connect() {
    return daemon != null ? daemon : daemonOptions.connect();
  }

  /**
   * The device (and its profiles) whose code the daemon waits for, as the prompt names it; empty,
   * with the reason on {@code err}, when it waits for none, or for several and {@code chosen} (the
   * {@code --device} given, or null) does not choose.
   */
  private static Optional<String> waitingFor(DaemonClient client, String chosen, PrintWriter err) {
    List<Map<?, ?>> prompts =
        ControlJson.list(client.get(DaemonClient.STATUS_PATH), "mfaPrompts").stream()
            .filter(Map.class::isInstance)
            .<Map<?, ?>>map(Map.class::cast)
            .filter(p -> chosen == null || chosen.equals(p.get("device")))
            .toList();
    if (prompts.size() == 1) {
      Map<?, ?> prompt = prompts.get(0);
      return Optional.of(prompt.get("device") + " (profiles " + prompt.get("profiles") + ")");
    }
    err.println(
        "rolekeeper mfa: "
            + (prompts.isEmpty()
                ? "no MFA code is pending" + (chosen == null ? "" : " for " + chosen)
                : "codes for several devices are pending ("
                    + String.join(
                        ", ", prompts.stream().map(p -> String.valueOf(p.get("device"))).toList())
                    + "): say which with --device ARN"));
    return Optional.empty();
  }

  private static String readFromTerminal(Console terminal, String prompt) {
    char[] typed = terminal.readPassword("%s", prompt);
    if (typed == null) {
      return null;
    }
    String text = new String(typed).strip();
    Arrays.fill(typed, ' ');
    return text;
  }
}

package dev.rolekeeper.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code rolekeeper} command line.
 *
 * <p>Start-up cost matters here: {@code credential-process} runs on every AWS CLI call that uses
 * it. So a run builds only the subcommand it names (picocli reflects on every command it is given,
 * and reflecting on the daemon's commands loads the daemon's classes), the client commands, which
 * only print, turn SLF4J into a no-op instead of setting up logback, and their plain forms skip
 * picocli altogether ({@link QuickCommandLine}), as does the daemon's plain {@code run}.
 */
public final class Main {

  /** Every command, in the order {@code --help} lists them. */
  static final List<String> COMMANDS =
      List.of(
          "run",
          "demo",
          "status",
          "env",
          "refresh",
          "mfa",
          "login",
          "credential-process",
          "install-service",
          "uninstall-service",
          "doctor",
          "version",
          "generate-completion");

  /** Commands that talk to a running daemon (or print the version) and log nothing. */
  static final Set<String> CLIENT_COMMANDS =
      Set.of("status", "env", "refresh", "mfa", "login", "credential-process", "version");

  private Main() {}

  public static void main(String[] args) {
    String named = args.length > 0 && COMMANDS.contains(args[0]) ? args[0] : null;
    if (named != null && CLIENT_COMMANDS.contains(named)) {
      quietLogging();
    }
    Optional<PlainCommand> quick = QuickCommandLine.parse(args);
    if (quick.isPresent()) {
      System.exit(QuickCommandLine.run(quick.get()));
    }
    // The completion script describes every command, so it is generated from the whole tree.
    boolean wholeTree = named == null || named.equals("generate-completion");
    System.exit(CommandTree.of(wholeTree ? COMMANDS : List.of(named)).execute(args));
  }

  /**
   * SLF4J's no-op provider, unless someone chose a provider: the client commands report through
   * their own output, and logback's set-up would cost them some 200 classes (the profiles reader,
   * used by {@code env}, has a logger).
   */
  private static void quietLogging() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
  }
}

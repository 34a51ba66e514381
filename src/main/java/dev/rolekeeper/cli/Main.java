package dev.rolekeeper.cli;

import picocli.CommandLine;

/** The {@code rolekeeper} command line. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree, as {@code rolekeeper --help} shows it. */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new RolekeeperCommand());
    line.setCaseInsensitiveEnumValuesAllowed(true);
    // Every command has --version (mixinStandardHelpOptions); without a provider of its own it would print nothing.
    VersionCommand version = new VersionCommand();
    line.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
    return line;
  }
}

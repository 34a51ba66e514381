package dev.rolekeeper.cli;

import java.util.List;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;

/**
 * picocli's tree of the commands. Apart from {@link Main}, whose public methods the JVM resolves
 * (their types included) before it runs {@code main}: so the plain forms that {@link
 * QuickCommandLine} reads, the daemon's {@code run} among them, load no picocli class at all.
 */
public final class CommandTree {

  private CommandTree() {}

  /** The whole command tree, as {@code rolekeeper --help} shows it. */
  public static CommandLine whole() {
    return of(Main.COMMANDS);
  }

  /** The top command with the subcommands {@code names}. */
  static CommandLine of(List<String> names) {
    CommandLine line = new CommandLine(new RolekeeperCommand());
    line.setCaseInsensitiveEnumValuesAllowed(true);
    // Every command has --version (mixinStandardHelpOptions); without a provider of its own it
    // would print nothing.
    VersionCommand version = new VersionCommand();
    for (String name : names) {
      line.addSubcommand(command(name));
      line.getSubcommands().get(name).getCommandSpec().versionProvider(version);
    }
    return line;
  }

  private static Object command(String name) {
    return switch (name) {
      case "run" -> new RunCommand();
      case "demo" -> new DemoCommand();
      case "status" -> new StatusCommand();
      case "env" -> new EnvCommand();
      case "refresh" -> new RefreshCommand();
      case "mfa" -> new MfaCommand();
      case "login" -> new LoginCommand();
      case "credential-process" -> new CredentialProcessCommand();
      case "install-service" -> new InstallServiceCommand();
      case "uninstall-service" -> new UninstallServiceCommand();
      case "doctor" -> new DoctorCommand();
      case "version" -> new VersionCommand();
      case "generate-completion" -> new GenerateCompletion();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }
}

package dev.rolekeeper.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: only subcommands do anything ({@link Main} adds them). */
@Command(
    name = "rolekeeper",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.class,
    description = {
      "Keeps AWS role sessions fresh and serves them on loopback to unmodified AWS SDKs and the AWS CLI "
          + "(container credential endpoint and IMDSv2), asking for MFA codes ahead of time.",
      "New here? `rolekeeper demo` shows it working against a built-in STS simulator."
    },
    footer = {
      "",
      "Each command has its own --help, e.g. `rolekeeper run --help`.",
      "Shell completion (bash, zsh): source <(rolekeeper generate-completion)"
    })
public final class RolekeeperCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command, e.g. `rolekeeper demo` or `rolekeeper run`");
  }
}

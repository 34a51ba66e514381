package dev.rolekeeper.cli;

import dev.rolekeeper.config.SettingsException;
import dev.rolekeeper.install.ServiceContext;
import dev.rolekeeper.install.ServiceInstaller;
import dev.rolekeeper.install.ServiceInstaller.UninstallResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rolekeeper uninstall-service [--dry-run]}: removes what install-service wrote; state and
 * logs stay.
 */
@Command(
    name = "uninstall-service",
    mixinStandardHelpOptions = true,
    description = {
      "Remove the per-user service file written by install-service, its enable links and the "
          + "installed copies of the program.",
      "The state directory and logs are kept. Prints the command that stops the running service."
    })
public final class UninstallServiceCommand implements Callable<Integer> {

  @Option(names = "--dry-run", description = "Print what would be removed; remove nothing.")
  boolean dryRun;

  @Spec CommandSpec spec;

  private final Supplier<ServiceContext> context;

  /** For picocli: this user and this process. */
  public UninstallServiceCommand() {
    this(ServiceContext::current);
  }

  /** For tests: another user's context, e.g. a temporary home. */
  public UninstallServiceCommand(Supplier<ServiceContext> context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    UninstallResult result;
    try {
      result = new ServiceInstaller(context.get()).uninstall(dryRun);
    } catch (IllegalStateException | UnsupportedOperationException | SettingsException e) {
      spec.commandLine().getErr().println("uninstall-service: " + e.getMessage());
      return 1;
    }
    if (result.removed().isEmpty()) {
      out.println("No rolekeeper service file is installed.");
    }
    for (Path path : result.removed()) {
      out.println((dryRun ? "Would remove " : "Removed ") + path);
    }
    out.println(
        (dryRun ? "Would keep " : "Kept ")
            + "the state directory "
            + result.keptStateDir()
            + " and the logs ("
            + result.logs()
            + ")");
    out.println("Stop the running service with:");
    out.println("  " + result.stopCommand());
    return 0;
  }
}

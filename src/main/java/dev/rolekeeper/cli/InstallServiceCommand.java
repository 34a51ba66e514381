package dev.rolekeeper.cli;

import dev.rolekeeper.config.SettingsException;
import dev.rolekeeper.install.ServiceContext;
import dev.rolekeeper.install.ServiceInstaller;
import dev.rolekeeper.install.ServiceInstaller.InstallResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rolekeeper install-service [--dry-run]}: writes the systemd user unit or launchd agent for
 * this user.
 */
@Command(
    name = "install-service",
    mixinStandardHelpOptions = true,
    description = {
      "Install rolekeeper as a per-user background service (systemd user unit on Linux, "
          + "launchd agent on macOS) that runs a copy of this jar with this java.",
      "The copy goes to a directory per version (~/.local/share/rolekeeper/VERSION on Linux, "
          + "~/Library/Application Support/rolekeeper/VERSION on macOS), so rebuilding or moving this one does not "
          + "break the service; an upgrade is install-service again, a rollback is install-service run from an "
          + "older copy.",
      "Prints the one command that enables and starts it."
    })
public final class InstallServiceCommand implements Callable<Integer> {

  @Option(
      names = "--dry-run",
      description = "Print the file that would be written, and where; write nothing.")
  boolean dryRun;

  @Spec CommandSpec spec;

  private final Supplier<ServiceContext> context;

  /** For picocli: this user and this process. */
  public InstallServiceCommand() {
    this(ServiceContext::current);
  }

  /** For tests: another user's context, e.g. a temporary home. */
  public InstallServiceCommand(Supplier<ServiceContext> context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    InstallResult result;
    try {
      result = new ServiceInstaller(context.get()).install(dryRun);
    } catch (IllegalStateException | UnsupportedOperationException | SettingsException e) {
      spec.commandLine().getErr().println("install-service: " + e.getMessage());
      return 1;
    }
    if (!dryRun) {
      out.println("Copied the program to " + result.programDir());
      out.println((result.replaced() ? "Replaced " : "Wrote ") + result.target());
      out.println("Enable and start it with:");
    } else {
      out.println("Would copy the program to " + result.programDir());
      out.println("Would write " + result.target() + ":");
      out.print(result.content());
      out.println("Then enable and start it with:");
    }
    out.println("  " + result.enableCommand());
    for (java.nio.file.Path other : result.otherVersions()) {
      out.println(
          "Also installed: "
              + other
              + " (roll back: java -jar "
              + other.resolve("rolekeeper.jar")
              + " install-service)");
    }
    return 0;
  }
}

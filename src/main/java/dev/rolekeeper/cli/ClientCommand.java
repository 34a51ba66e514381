package dev.rolekeeper.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running daemon and prints its answer ({@code status}, {@code env},
 * {@code credential-process}, {@code refresh}): how it finds the daemon, and where it prints.
 *
 * <p>picocli runs it for any command line; {@link QuickCommandLine} runs the plain forms without
 * picocli and hands it the process's own streams, as there is no picocli spec then.
 */
abstract class ClientCommand implements PlainCommand {

  @Mixin DaemonOptions daemon = new DaemonOptions();

  @Spec CommandSpec spec;

  private PrintWriter out;
  private PrintWriter err;

  /** Runs the command: its exit status. Failures are printed, not thrown. */
  @Override
  public abstract Integer call();

  @Override
  public final void printTo(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  final PrintWriter out() {
    return out != null ? out : spec.commandLine().getOut();
  }

  final PrintWriter err() {
    return err != null ? err : spec.commandLine().getErr();
  }
}

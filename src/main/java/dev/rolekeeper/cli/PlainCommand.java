package dev.rolekeeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A command {@link QuickCommandLine} can run without picocli. picocli hands a command its writers
 * through the command's spec; without picocli there is no spec, so the command is told where to
 * print instead.
 */
interface PlainCommand extends Callable<Integer> {

  /** Prints to these instead of picocli's writers. */
  void printTo(PrintWriter out, PrintWriter err);

  /** Runs the command: its exit status. */
  @Override
  Integer call();
}

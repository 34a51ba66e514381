package dev.rolekeeper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rolekeeper version}, and the version picocli shows for {@code --version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print rolekeeper's version.")
public final class VersionCommand implements Callable<Integer>, IVersionProvider {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(text());
    return 0;
  }

  @Override
  public String[] getVersion() {
    return new String[] {text()};
  }

  static String text() {
    String version = VersionCommand.class.getPackage().getImplementationVersion();
    return "rolekeeper " + (version == null ? "(development build)" : version)
        + " (Java " + Runtime.version() + ")";
  }
}

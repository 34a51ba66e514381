package dev.rolekeeper.cli;

import dev.rolekeeper.install.BuildInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rolekeeper version}, and the version picocli shows for {@code --version}. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description =
        "Print rolekeeper's version, the commit it was built from, its build date and the Java running it.")
public final class VersionCommand implements Callable<Integer>, IVersionProvider {

  @Spec CommandSpec spec;

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
    return text(BuildInfo.current());
  }

  static String text(BuildInfo build) {
    return "rolekeeper "
        + build.version()
        + " (commit "
        + build.commit()
        + ", built "
        + build.date()
        + ", Java "
        + Runtime.version()
        + ")";
  }
}

package dev.rolekeeper.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rolekeeper refresh PROFILE}: a new session now, without waiting for the schedule. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = "Get a new session for PROFILE now (clients keep the current one until then).")
public final class RefreshCommand implements Callable<Integer> {

  @Mixin DaemonOptions daemon = new DaemonOptions();

  @Parameters(index = "0", paramLabel = "PROFILE", description = "A served profile.")
  String profile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      Map<String, Object> answer =
          daemon
              .connect()
              .post(
                  "/control/refresh/" + URLEncoder.encode(profile, StandardCharsets.UTF_8),
                  Map.of());
      spec.commandLine()
          .getOut()
          .printf("%s: new session, expires %s%n", profile, answer.get("expiration"));
      return 0;
    } catch (DaemonClient.DaemonException e) {
      spec.commandLine().getErr().println("rolekeeper refresh: " + e.getMessage());
      return e.status() == 0 ? 3 : 1;
    }
  }
}

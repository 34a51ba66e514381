package dev.rolekeeper.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code rolekeeper refresh PROFILE}: a new session now, without waiting for the schedule. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = "Get a new session for PROFILE now (clients keep the current one until then).")
public final class RefreshCommand extends ProfileCommand {

  @Override
  public Integer call() {
    try {
      Map<String, Object> answer =
          daemon
              .connect()
              .post(
                  "/control/refresh/" + URLEncoder.encode(profile, StandardCharsets.UTF_8),
                  Map.of());
      out().printf("%s: new session, expires %s%n", profile, answer.get("expiration"));
      return 0;
    } catch (DaemonClient.DaemonException e) {
      err().println("rolekeeper refresh: " + e.getMessage());
      return e.status() == 0 ? 3 : 1;
    }
  }
}

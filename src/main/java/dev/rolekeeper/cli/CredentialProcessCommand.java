package dev.rolekeeper.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code rolekeeper credential-process PROFILE}: the {@code credential_process} Version 1 JSON,
 * fetched from the daemon, for tools that speak only that ({@code credential_process = rolekeeper
 * credential-process prod}).
 */
@Command(
    name = "credential-process",
    mixinStandardHelpOptions = true,
    description = {
      "Print PROFILE's session as credential_process JSON (Version 1).",
      "For tools that speak only credential_process, in ~/.aws/config:",
      "  [profile prod-via-rolekeeper]",
      "  credential_process = rolekeeper credential-process prod"
    })
public final class CredentialProcessCommand extends ProfileCommand {

  @Override
  public Integer call() {
    try {
      // The daemon gives the Version 1 shape itself (the launcher relays it without a JVM too).
      Map<String, Object> out =
          daemon
              .connect()
              .get("/v1/credential-process/" + URLEncoder.encode(profile, StandardCharsets.UTF_8));
      out().println(ControlJson.write(out));
      return 0;
    } catch (DaemonClient.DaemonException e) {
      err().println("rolekeeper credential-process: " + e.getMessage());
      return 1;
    }
  }
}

package dev.rolekeeper.cli;

import dev.rolekeeper.doctor.SdkChainShadows;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rolekeeper env PROFILE}: the exports that point SDKs and the AWS CLI at the daemon's
 * container endpoint for one profile, with a token that reads that profile and nothing else.
 * Warnings about anything in the environment or the AWS files that SDKs would pick before the
 * container endpoint go to stderr.
 */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = {
      "Print the environment for PROFILE's container endpoint, with a token scoped to PROFILE.",
      "Use: eval \"$(rolekeeper env prod)\"   (fish: rolekeeper env prod --shell fish | source)"
    })
public final class EnvCommand extends ProfileCommand {

  static final String DEFAULT_SHELL = "bash";

  @Option(
      names = "--shell",
      paramLabel = "SHELL",
      defaultValue = DEFAULT_SHELL,
      description = "bash, zsh, fish or powershell (default: ${DEFAULT-VALUE}).")
  String shell;

  private final Map<String, String> environment;

  public EnvCommand() {
    this(System.getenv());
  }

  EnvCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter err = err();
    ShellExports.Shell target;
    try {
      target = ShellExports.Shell.valueOf(shell.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("rolekeeper env: --shell must be bash, zsh, fish or powershell");
      return 2;
    }
    try {
      HttpDaemonClient client = daemon.connect();
      Map<String, Object> issued =
          client.post("/control/tokens", Map.of("profiles", List.of(profile)));
      String region = profileRegion(client).orElse(client.info().region());
      PrintWriter out = out();
      out.print(exports(client.info().port(), issued, region).render(target));
      out.flush();
      warnings().forEach(w -> err.println("rolekeeper env: warning: " + w));
      return 0;
    } catch (DaemonClient.DaemonException e) {
      err.println("rolekeeper env: " + e.getMessage());
      return e.status() == 0 ? 3 : 1;
    }
  }

  private ShellExports exports(int port, Map<String, Object> issued, String region) {
    return new ShellExports()
        .put(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://127.0.0.1:"
                + port
                + "/v1/credentials/"
                + URLEncoder.encode(profile, StandardCharsets.UTF_8))
        .put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", ControlJson.string(issued, "tokenFile"))
        .put("AWS_CONTAINER_AUTHORIZATION_TOKEN", ControlJson.string(issued, "token"))
        .put("AWS_REGION", region)
        .put("AWS_DEFAULT_REGION", region);
  }

  /**
   * The region the daemon resolved for the profile (its own {@code region}, the environment's, the
   * settings', or its role's partition), as the SDKs would for that profile; empty for a daemon
   * that does not say.
   */
  private java.util.Optional<String> profileRegion(HttpDaemonClient client)
      throws DaemonClient.DaemonException {
    for (Object item : ControlJson.list(client.get(DaemonClient.STATUS_PATH), "profiles")) {
      if (item instanceof Map<?, ?> status
          && profile.equals(status.get("profile"))
          && status.get("region") instanceof String region) {
        return java.util.Optional.of(region);
      }
    }
    return java.util.Optional.empty();
  }

  /** What would win over the container provider in the SDKs' default chains. */
  List<String> warnings() {
    return SdkChainShadows.find(environment);
  }
}

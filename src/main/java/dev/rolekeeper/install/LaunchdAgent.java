package dev.rolekeeper.install;

import dev.rolekeeper.logging.LogMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The launchd agent, {@code ~/Library/LaunchAgents/dev.rolekeeper.agent.plist}. */
public final class LaunchdAgent implements ServiceDefinition {

  /** The agent's launchd label. */
  public static final String LABEL = "dev.rolekeeper.agent";

  static final String TEMPLATE = "launchd/" + LABEL + ".plist";

  private final ServiceContext context;

  LaunchdAgent(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Path target() {
    return context.paths().launchAgents().resolve(LABEL + ".plist");
  }

  @Override
  public String render() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("PROGRAM_ARGUMENTS", programArguments());
    values.put("ENVIRONMENT", environment());
    values.put("STDOUT_PATH", xml(logDir().resolve("launchd.log").toString()));
    values.put("STDERR_PATH", xml(logDir().resolve("launchd.log").toString()));
    return ServiceTemplate.load(TEMPLATE).render(values);
  }

  @Override
  public String enableCommand() {
    return "launchctl bootstrap gui/$(id -u) " + shellQuote(target().toString());
  }

  @Override
  public String stopCommand() {
    return "launchctl bootout gui/$(id -u)/" + LABEL;
  }

  @Override
  public String logs() {
    return logDir().toString();
  }

  @Override
  public List<Path> directoriesToCreate() {
    return List.of(context.stateDir(), logDir());
  }

  @Override
  public List<Path> linksToRemove() {
    return List.of();
  }

  Path logDir() {
    return context.paths().home().resolve("Library/Logs/rolekeeper");
  }

  private String programArguments() {
    return context.daemonCommand().stream()
        .map(arg -> "    <string>" + xml(arg) + "</string>")
        .collect(Collectors.joining("\n"));
  }

  private String environment() {
    // The daemon logs to a rotated file under launchd: LogConfigurator picks it up from this
    // variable.
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put(LogMode.LOG_FILE_ENV, logDir().resolve("rolekeeper.log").toString());
    vars.putAll(context.carriedEnvironment());
    return vars.entrySet().stream()
        .map(
            e ->
                "    <key>"
                    + xml(e.getKey())
                    + "</key>\n    <string>"
                    + xml(e.getValue())
                    + "</string>")
        .collect(Collectors.joining("\n"));
  }

  static String xml(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}

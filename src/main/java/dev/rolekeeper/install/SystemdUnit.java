package dev.rolekeeper.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The systemd user unit, {@code $XDG_CONFIG_HOME/systemd/user/rolekeeper.service}. */
public final class SystemdUnit implements ServiceDefinition {

  /** The unit's name, as {@code systemctl --user} knows it. */
  public static final String UNIT_NAME = "rolekeeper.service";

  static final String TEMPLATE = "systemd/rolekeeper.service";

  private final ServiceContext context;

  SystemdUnit(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Path target() {
    return unitDir().resolve(UNIT_NAME);
  }

  @Override
  public String render() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("EXEC_START", execStart());
    values.put("ENVIRONMENT", environment());
    List<Path> writable = context.writableDirs();
    values.put(
        "READ_WRITE_PATHS",
        // The state directory is created on install; the others may be missing ("-": optional).
        writable.stream()
            .map(dir -> homeRelative(quote((dir.equals(writable.get(0)) ? "" : "-") + dir)))
            .collect(Collectors.joining(" ")));
    return ServiceTemplate.load(TEMPLATE).render(values);
  }

  @Override
  public String enableCommand() {
    return "systemctl --user daemon-reload && systemctl --user enable --now " + UNIT_NAME;
  }

  @Override
  public String stopCommand() {
    return "systemctl --user stop " + UNIT_NAME + "; systemctl --user daemon-reload";
  }

  @Override
  public String logs() {
    return "journalctl --user -u " + UNIT_NAME;
  }

  @Override
  public List<Path> directoriesToCreate() {
    return List.of(context.stateDir());
  }

  /**
   * The {@code *.wants}/{@code *.requires} symlinks that {@code systemctl enable} made for this
   * unit.
   */
  @Override
  public List<Path> linksToRemove() {
    if (!Files.isDirectory(unitDir())) {
      return List.of();
    }
    List<Path> links = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(unitDir(), "*.{wants,requires}")) {
      for (Path dir : dirs) {
        Path link = dir.resolve(UNIT_NAME);
        if (Files.isSymbolicLink(link)) {
          links.add(link);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + unitDir(), e);
    }
    return links;
  }

  private Path unitDir() {
    return context.paths().systemdUserUnits();
  }

  private String execStart() {
    return context.daemonCommand().stream()
        .map(arg -> homeRelative(quoteExecArg(arg)))
        .collect(Collectors.joining(" "));
  }

  private String environment() {
    return context.carriedEnvironment().entrySet().stream()
        .map(e -> "Environment=" + homeRelative(quoteExecArg(e.getKey() + "=" + e.getValue())))
        .collect(Collectors.joining("\n"));
  }

  /**
   * A quoted word with the user's home written as systemd's {@code %h}, where a path starts (at the
   * word's start, after {@code -} or after {@code =}): the unit then names no particular home and
   * survives a renamed one.
   */
  String homeRelative(String quotedWord) {
    String home = quote(context.paths().home().toString());
    String escapedHome = home.substring(1, home.length() - 1) + "/";
    if (context.paths().home().getNameCount() == 0) {
      return quotedWord;
    }
    return Pattern.compile("(^\"|^\"-|=)" + Pattern.quote(escapedHome))
        .matcher(quotedWord)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "%h/"));
  }

  /**
   * A word for ExecStart/Environment: quoted, with systemd's specifier ({@code %}) and variable
   * ({@code $}) escapes.
   */
  static String quoteExecArg(String value) {
    return quote(value.replace("$", "$$"));
  }

  /** A double-quoted systemd word, with {@code %} specifiers escaped. */
  static String quote(String value) {
    if (value.contains("\n") || value.contains("\r")) {
      throw new IllegalArgumentException(
          "a path for the systemd unit contains a line break: " + value);
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%") + "\"";
  }
}

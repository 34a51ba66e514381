package dev.rolekeeper.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Environment variables rendered for one shell, quoted so that any value survives {@code eval}. */
public final class ShellExports {

  /** The shells whose syntax we print. */
  public enum Shell {
    BASH,
    ZSH,
    FISH,
    POWERSHELL
  }

  private final Map<String, String> variables = new LinkedHashMap<>();

  public ShellExports put(String name, String value) {
    variables.put(name, value);
    return this;
  }

  public String render(Shell shell) {
    return variables.entrySet().stream()
        .map(e -> line(shell, e.getKey(), e.getValue()))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String line(Shell shell, String name, String value) {
    return switch (shell) {
      case BASH, ZSH -> "export " + name + "=" + posixQuote(value);
      case FISH -> "set -gx " + name + " " + fishQuote(value) + ";";
      case POWERSHELL -> "$env:" + name + " = '" + value.replace("'", "''") + "'";
    };
  }

  private static String posixQuote(String value) {
    if (value.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static String fishQuote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}

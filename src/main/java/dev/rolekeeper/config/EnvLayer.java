package dev.rolekeeper.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code ROLEKEEPER_*} environment variables as a settings tree. {@code
 * ROLEKEEPER_MFA_LEADTIME} sets {@code mfa.leadTime} (names match ignoring case, {@code _}
 * separates path steps); lists are comma-separated ({@code ROLEKEEPER_PROFILES=a,b}), maps are
 * {@code key=value} pairs ({@code ROLEKEEPER_SYNC_TARGETS=prod=prod-synced}). An unknown {@code
 * ROLEKEEPER_*} variable is an error naming it, except the launcher's own ({@code
 * ROLEKEEPER_JAVA_OPTS}, {@code ROLEKEEPER_JAR}, {@code ROLEKEEPER_HOME}, {@code
 * ROLEKEEPER_DEMO_*}); {@code ROLEKEEPER_LOG_LEVEL}, which logback also reads, is accepted as
 * {@code logLevel}.
 *
 * @param tree the settings the environment sets
 * @param variableByKey for each key set, the variable that set it
 */
record EnvLayer(JsonObject tree, Map<String, String> variableByKey) {

  EnvLayer {
    variableByKey = Map.copyOf(variableByKey);
  }

  /**
   * Reads the layer from {@code env}; throws {@link SettingsException} naming an unknown or
   * malformed variable.
   */
  static EnvLayer from(Map<String, String> env) {
    JsonObject tree = new JsonObject();
    Map<String, String> variableByKey = new LinkedHashMap<>();
    // Sorted so that, with both spellings of the log level present, the outcome does not depend on
    // map order.
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      Optional<ConfigKeys.Key> key = keyFor(e.getKey());
      if (key.isPresent()) {
        JsonPath.put(tree, key.get().path(), value(key.get(), e.getKey(), e.getValue()));
        variableByKey.put(key.get().path(), e.getKey());
      }
    }
    return new EnvLayer(tree, variableByKey);
  }

  private static Optional<ConfigKeys.Key> keyFor(String variable) {
    if (!variable.startsWith(ConfigKeys.ENV_PREFIX) || isLaunchers(variable)) {
      return Optional.empty();
    }
    if (variable.equals(ConfigKeys.ENV_LOG_LEVEL_ALIAS)) {
      return ConfigKeys.leaf(ConfigKeys.LOG_LEVEL);
    }
    return Optional.of(
        ConfigKeys.byEnvName(variable)
            .orElseThrow(
                () ->
                    new SettingsException(
                        "environment variable "
                            + variable
                            + ": not a rolekeeper setting; settings variables are "
                            + ConfigKeys.ALL.stream().map(ConfigKeys.Key::envName).toList())));
  }

  private static boolean isLaunchers(String variable) {
    return ConfigKeys.ENV_NOT_SETTINGS.contains(variable)
        || variable.startsWith(ConfigKeys.ENV_NOT_SETTINGS_PREFIX);
  }

  private static Object value(ConfigKeys.Key key, String variable, String raw) {
    return switch (key.shape()) {
      case SCALAR -> raw.trim();
      case LIST ->
          new JsonArray(
              Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
      case MAP -> map(variable, raw);
    };
  }

  private static JsonObject map(String variable, String raw) {
    JsonObject obj = new JsonObject();
    for (String pair : raw.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new SettingsException(
            "environment variable "
                + variable
                + ": '"
                + pair.trim()
                + "' is not a key=value pair; write profile=section pairs separated by commas");
      }
      obj.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return obj;
  }
}

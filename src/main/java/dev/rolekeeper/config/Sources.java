package dev.rolekeeper.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * Says where a key's merged value came from, so that an error names the file or variable to fix.
 *
 * <p>The layered form knows the defaults and the environment layer; a value that neither explains
 * came from the user's file. That inference is exact because the defaults are valid: a user value
 * equal to the default cannot be the one that fails validation.
 */
@FunctionalInterface
interface Sources {

  String DEFAULTS_LABEL = "built-in defaults (config/rolekeeper.yaml)";

  /** The label of the layer that supplied {@code value} for {@code key}. */
  String of(String key, Object value);

  /** Every key comes from one source, e.g. a file parsed on its own. */
  static Sources single(String label) {
    return (key, value) -> label;
  }

  /**
   * Defaults, then the user's file, then the environment.
   *
   * @param defaults the defaults tree
   * @param envVarByKey environment variable name for each key the environment set
   * @param userLabel how to name the user's file
   */
  static Sources layered(JsonObject defaults, Map<String, String> envVarByKey, String userLabel) {
    return (key, value) -> {
      for (Map.Entry<String, String> e : envVarByKey.entrySet()) {
        if (key.equals(e.getKey()) || key.startsWith(e.getKey() + ".")) {
          return "environment variable " + e.getValue();
        }
      }
      Object defaultValue = JsonPath.get(defaults, key);
      return defaultValue != null && Objects.equals(defaultValue, value)
          ? DEFAULTS_LABEL
          : userLabel;
    };
  }
}

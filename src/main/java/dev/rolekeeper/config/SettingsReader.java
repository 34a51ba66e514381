package dev.rolekeeper.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of one merged settings tree; every problem becomes a {@link SettingsException} naming
 * its source.
 */
final class SettingsReader {

  private final JsonObject tree;
  private final Sources sources;

  SettingsReader(JsonObject tree, Sources sources) {
    this.tree = tree;
    this.sources = sources;
  }

  SettingsException error(String key, String problem) {
    return new SettingsException(
        sources.of(key, JsonPath.get(tree, key)) + ": " + key + ": " + problem);
  }

  String string(String key) {
    Object raw = present(key);
    if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
      return raw.toString().trim();
    }
    throw error(key, "must be a single value, not " + describe(raw));
  }

  Optional<String> optionalString(String key) {
    String s = string(key);
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  int port(String key) {
    Object raw = present(key);
    String text = raw instanceof Number || raw instanceof String ? raw.toString().trim() : "";
    if (text.matches("\\d{1,5}") && Integer.parseInt(text) <= 65535) {
      return Integer.parseInt(text);
    }
    throw error(key, "'" + raw + "' is not a port number; use 0 (any free port) to 65535");
  }

  boolean bool(String key) {
    Object raw = present(key);
    if (raw instanceof Boolean b) {
      return b;
    }
    String text = raw.toString().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw error(key, "'" + raw + "' is not true or false");
  }

  Duration duration(String key) {
    Object raw = present(key);
    if (raw instanceof Number) {
      throw error(key, "'" + raw + "' has no unit; " + Durations.FORMS);
    }
    return Durations.parse(raw.toString())
        .orElseThrow(() -> error(key, "'" + raw + "' is not a duration; " + Durations.FORMS));
  }

  Duration positiveDuration(String key) {
    Duration d = duration(key);
    if (d.isZero()) {
      throw error(key, "must be longer than zero");
    }
    return d;
  }

  /** A path setting: absolute, or under the home directory as {@code ~/...}. */
  Optional<String> path(String key) {
    Optional<String> path = optionalString(key);
    if (path.isPresent() && !(path.get().startsWith("/") || path.get().startsWith("~/"))) {
      throw error(key, "'" + path.get() + "' must be an absolute path or start with ~/");
    }
    return path;
  }

  List<String> stringList(String key) {
    Object raw = present(key);
    if (!(raw instanceof JsonArray array)) {
      throw error(key, "must be a list such as [a, b], not " + describe(raw));
    }
    List<String> out = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String || item instanceof Number)) {
        throw error(key, "list items must be single values, not " + describe(item));
      }
      out.add(item.toString().trim());
    }
    return out;
  }

  Map<String, String> stringMap(String key) {
    Object raw = present(key);
    if (!(raw instanceof JsonObject obj)) {
      throw error(key, "must be a mapping such as {prod: prod-synced}, not " + describe(raw));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : obj) {
      Object v = e.getValue();
      if (!(v instanceof String || v instanceof Number)) {
        throw error(key, e.getKey() + ": must map to a section name, not " + describe(v));
      }
      out.put(e.getKey(), v.toString().trim());
    }
    return out;
  }

  private Object present(String key) {
    Object raw = JsonPath.get(tree, key);
    if (raw == null) {
      throw error(key, "has no value (an empty section or an explicit null removes the default)");
    }
    return raw;
  }

  private static String describe(Object raw) {
    if (raw instanceof JsonObject) {
      return "a mapping";
    }
    if (raw instanceof JsonArray) {
      return "a list";
    }
    return raw == null ? "nothing" : "'" + raw + "'";
  }
}

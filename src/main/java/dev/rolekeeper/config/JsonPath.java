package dev.rolekeeper.config;

import io.vertx.core.json.JsonObject;

/** Reads and writes values of a settings tree by dotted key path ({@code mfa.leadTime}). */
final class JsonPath {

  private JsonPath() {}

  /** The value at {@code path}, or null if any step is missing or not an object. */
  static Object get(JsonObject root, String path) {
    Object current = root;
    for (String segment : path.split("\\.")) {
      if (!(current instanceof JsonObject obj)) {
        return null;
      }
      current = obj.getValue(segment);
    }
    return current;
  }

  /** Puts {@code value} at {@code path}, creating intermediate objects. */
  static void put(JsonObject root, String path, Object value) {
    String[] segments = path.split("\\.");
    JsonObject current = root;
    for (int i = 0; i < segments.length - 1; i++) {
      JsonObject next = current.getJsonObject(segments[i]);
      if (next == null) {
        next = new JsonObject();
        current.put(segments[i], next);
      }
      current = next;
    }
    current.put(segments[segments.length - 1], value);
  }
}

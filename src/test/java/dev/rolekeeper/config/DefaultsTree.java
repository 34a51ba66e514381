package dev.rolekeeper.config;

import io.vertx.core.json.JsonObject;

/** The built-in defaults as a tree, for tests of the pure parser. */
final class DefaultsTree {

  private DefaultsTree() {}

  static JsonObject load() {
    return Defaults.tree();
  }

  /** The defaults with {@code key} set to {@code value}. */
  static JsonObject with(String key, Object value) {
    JsonObject tree = load();
    JsonPath.put(tree, key, value);
    return tree;
  }
}

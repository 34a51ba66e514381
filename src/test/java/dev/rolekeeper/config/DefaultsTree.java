package dev.rolekeeper.config;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The shipped defaults as a tree, read from the classpath, for tests of the pure parser. */
final class DefaultsTree {

  private DefaultsTree() {}

  static JsonObject load() {
    try (InputStream in =
        DefaultsTree.class.getClassLoader().getResourceAsStream(SettingsLoader.DEFAULTS_RESOURCE)) {
      Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return new JsonObject(Json.encode(map));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The defaults with {@code key} set to {@code value}. */
  static JsonObject with(String key, Object value) {
    JsonObject tree = load();
    JsonPath.put(tree, key, value);
    return tree;
  }
}

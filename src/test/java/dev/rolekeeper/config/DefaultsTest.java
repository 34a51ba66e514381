package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.config.yaml.YamlProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DefaultsTest {

  private static final String TOGETHER =
      SettingsLoader.DEFAULTS_RESOURCE
          + " documents the built-in defaults and Defaults.tree() is what the daemon uses:"
          + " they must change together";

  @Test
  void tree_equalsTheShippedYamlFile_keyForKeyAndTypeForType(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    new YamlProcessor()
        .process(vertx, new JsonObject(), shippedFile())
        .onComplete(
            ctx.succeeding(
                parsed ->
                    ctx.verify(
                        () -> {
                          // Encoded, so that 9911 and "9911" (or false and "false") differ too.
                          assertThat(Defaults.tree().encodePrettily())
                              .as(TOGETHER)
                              .isEqualTo(parsed.encodePrettily());
                          ctx.completeNow();
                        })));
  }

  @Test
  void tree_hasAValueForEveryKeyOfTheSchemaAndNoOther() {
    JsonObject tree = Defaults.tree();
    List<String> leaves = new ArrayList<>();
    collectLeaves(tree, "", leaves);

    assertThat(leaves)
        .as("every key in ConfigKeys.ALL has a default, and every default is a key")
        .containsExactlyInAnyOrderElementsOf(
            ConfigKeys.ALL.stream().map(ConfigKeys.Key::path).toList());
  }

  @Test
  void tree_isANewTreeEachTime_soOneCallerCannotChangeAnothersDefaults() {
    JsonObject first = Defaults.tree();
    first.getJsonObject("listen").put("port", 1);

    assertThat(JsonPath.get(Defaults.tree(), ConfigKeys.LISTEN_PORT)).isEqualTo(9911);
  }

  @Test
  void defaultsLabel_namesTheShippedFile() {
    assertThat(Sources.DEFAULTS_LABEL).contains(SettingsLoader.DEFAULTS_RESOURCE);
  }

  private static void collectLeaves(JsonObject node, String prefix, List<String> leaves) {
    for (String name : node.fieldNames()) {
      String path = prefix + name;
      Object value = node.getValue(name);
      // sync.targets is a leaf whose value is a mapping: a schema key, not a section.
      if (value instanceof JsonObject section && ConfigKeys.isSection(path)) {
        collectLeaves(section, path + ".", leaves);
      } else {
        leaves.add(path);
      }
    }
  }

  private static Buffer shippedFile() throws IOException {
    try (InputStream in =
        DefaultsTest.class.getClassLoader().getResourceAsStream(SettingsLoader.DEFAULTS_RESOURCE)) {
      assertThat(in).as(SettingsLoader.DEFAULTS_RESOURCE + " on the classpath").isNotNull();
      return Buffer.buffer(in.readAllBytes());
    }
  }
}

package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlJsonTest {

  @Test
  void parseObject_nestedDocument_readsEveryKindOfValue() {
    Map<String, Object> json =
        ControlJson.parseObject(
            "{\"s\":\"a\\\"b\",\"i\":42,\"f\":1.5,\"t\":true,\"n\":null,\"l\":[1,\"x\",{\"k\":false}],\"o\":{\"z\":[]}}");

    assertThat(json)
        .containsEntry("s", "a\"b")
        .containsEntry("i", 42)
        .containsEntry("f", 1.5)
        .containsEntry("t", true)
        .containsEntry("n", null);
    assertThat(json.get("l")).isEqualTo(List.of(1, "x", Map.of("k", false)));
    assertThat(json.get("o")).isEqualTo(Map.of("z", List.of()));
    assertThat(json.keySet()).containsExactly("s", "i", "f", "t", "n", "l", "o");
  }

  @Test
  void write_mapsAndLists_giveJsonThatVertxReadsBack() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", "123456");
    body.put("profiles", List.of("prod", "dev"));
    body.put("count", 3);
    body.put("none", null);
    body.put("quote", "say \"hi\"\n");

    String text = ControlJson.write(body);

    assertThat(text).startsWith("{\"code\":\"123456\",");
    assertThat(new JsonObject(text))
        .isEqualTo(
            new JsonObject()
                .put("code", "123456")
                .put("profiles", new JsonArray().add("prod").add("dev"))
                .put("count", 3)
                .putNull("none")
                .put("quote", "say \"hi\"\n"));
  }

  @Test
  void parseObject_notAnObject_isRefused() {
    assertThatThrownBy(() -> ControlJson.parseObject("[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ControlJson.parseObject("{\"a\":"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ControlJson.parseObject("{} {}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stringAndList_absentOrOtherKinds_areNullAndEmpty() {
    Map<String, Object> json = ControlJson.parseObject("{\"n\":7,\"s\":\"x\",\"l\":[1]}");
    assertThat(ControlJson.string(json, "n")).isEqualTo("7");
    assertThat(ControlJson.string(json, "missing")).isNull();
    assertThat(ControlJson.list(json, "l")).isEqualTo(List.of(1));
    assertThat(ControlJson.list(json, "s")).isEmpty();
  }
}

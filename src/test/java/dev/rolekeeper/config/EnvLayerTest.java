package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvLayerTest {

  @Test
  void from_settingVariables_becomeNestedKeys() {
    EnvLayer layer =
        EnvLayer.from(
            Map.of(
                "ROLEKEEPER_LISTEN_PORT", "7000",
                "ROLEKEEPER_MFA_LEADTIME", "15m",
                "ROLEKEEPER_STATEDIR", "/tmp/state"));

    assertThat(JsonPath.get(layer.tree(), "listen.port")).isEqualTo("7000");
    assertThat(JsonPath.get(layer.tree(), "mfa.leadTime")).isEqualTo("15m");
    assertThat(JsonPath.get(layer.tree(), "stateDir")).isEqualTo("/tmp/state");
    assertThat(layer.variableByKey()).containsEntry("mfa.leadTime", "ROLEKEEPER_MFA_LEADTIME");
  }

  @Test
  void from_mixedCaseName_matchesIgnoringCase() {
    EnvLayer layer = EnvLayer.from(Map.of("ROLEKEEPER_refresh_minRemaining", "5m"));
    assertThat(JsonPath.get(layer.tree(), "refresh.minRemaining")).isEqualTo("5m");
  }

  @Test
  void from_listVariable_isSplitOnCommas() {
    EnvLayer layer =
        EnvLayer.from(Map.of("ROLEKEEPER_PROFILES", " prod, dev ,,", "ROLEKEEPER_MFA_PROMPTS", ""));
    assertThat(JsonPath.get(layer.tree(), "profiles"))
        .isEqualTo(new JsonArray().add("prod").add("dev"));
    assertThat(JsonPath.get(layer.tree(), "mfa.prompts")).isEqualTo(new JsonArray());
  }

  @Test
  void from_mapVariable_isSplitIntoPairs() {
    EnvLayer layer =
        EnvLayer.from(Map.of("ROLEKEEPER_SYNC_TARGETS", "prod=prod-synced, dev = dev-synced"));
    assertThat(JsonPath.get(layer.tree(), "sync.targets"))
        .isEqualTo(new JsonObject().put("prod", "prod-synced").put("dev", "dev-synced"));
  }

  @Test
  void from_mapVariableWithoutEquals_namesTheVariable() {
    assertThatThrownBy(() -> EnvLayer.from(Map.of("ROLEKEEPER_SYNC_TARGETS", "prod")))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(
            "environment variable ROLEKEEPER_SYNC_TARGETS: 'prod' is not a key=value pair");
  }

  @Test
  void from_unknownVariable_namesTheVariable() {
    assertThatThrownBy(() -> EnvLayer.from(Map.of("ROLEKEEPER_LISTEN_PROT", "1")))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(
            "environment variable ROLEKEEPER_LISTEN_PROT: not a rolekeeper setting")
        .hasMessageContaining("ROLEKEEPER_LISTEN_PORT");
  }

  @Test
  void from_launcherAndForeignVariables_areIgnored() {
    EnvLayer layer =
        EnvLayer.from(
            Map.of(
                "ROLEKEEPER_JAVA_OPTS", "-Xmx64m",
                "ROLEKEEPER_JAR", "/opt/rolekeeper.jar",
                "ROLEKEEPER_HOME", "/opt/rolekeeper",
                "ROLEKEEPER_DEMO_PORT", "1",
                "PATH", "/usr/bin",
                "AWS_PROFILE", "prod"));
    assertThat(layer.tree().isEmpty()).isTrue();
    assertThat(layer.variableByKey()).isEmpty();
  }

  @Test
  void from_logbackLogLevelVariable_setsLogLevel() {
    EnvLayer layer = EnvLayer.from(Map.of("ROLEKEEPER_LOG_LEVEL", "DEBUG"));
    assertThat(JsonPath.get(layer.tree(), "logLevel")).isEqualTo("DEBUG");
    assertThat(layer.variableByKey()).containsEntry("logLevel", "ROLEKEEPER_LOG_LEVEL");
  }
}

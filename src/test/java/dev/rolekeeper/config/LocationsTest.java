package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationsTest {

  private static final Map<String, String> HOME_ONLY = Map.of("HOME", "/home/ann");

  private static Settings settings(String key, Object value) {
    return SettingsParser.parse(DefaultsTree.with(key, value), "test");
  }

  private static Settings defaults() {
    return SettingsParser.parse(DefaultsTree.load(), "test");
  }

  @Test
  void userFile_commandLine_isRequiredAndAbsolute() {
    Locations.UserFile f = new Locations(HOME_ONLY).userFile(Optional.of(Path.of("my.yaml")));
    assertThat(f.required()).isTrue();
    assertThat(f.path()).isAbsolute().hasFileName("my.yaml");
  }

  @Test
  void userFile_xdgConfigHome_isOptional() {
    Locations.UserFile f =
        new Locations(Map.of("HOME", "/home/ann", "XDG_CONFIG_HOME", "/cfg"))
            .userFile(Optional.empty());
    assertThat(f).isEqualTo(new Locations.UserFile(Path.of("/cfg/rolekeeper/config.yaml"), false));
  }

  @Test
  void userFile_relativeXdgConfigHome_isIgnored() {
    Locations.UserFile f =
        new Locations(Map.of("HOME", "/home/ann", "XDG_CONFIG_HOME", "cfg"))
            .userFile(Optional.empty());
    assertThat(f.path()).isEqualTo(Path.of("/home/ann/.config/rolekeeper/config.yaml"));
  }

  @Test
  void stateDir_followsSettingThenXdgThenHome() {
    assertThat(new Locations(HOME_ONLY).stateDir(settings("stateDir", "~/st")))
        .isEqualTo(Path.of("/home/ann/st"));
    assertThat(
            new Locations(Map.of("HOME", "/home/ann", "XDG_STATE_HOME", "/xs"))
                .stateDir(defaults()))
        .isEqualTo(Path.of("/xs/rolekeeper"));
    assertThat(new Locations(HOME_ONLY).stateDir(defaults()))
        .isEqualTo(Path.of("/home/ann/.local/state/rolekeeper"));
  }

  @Test
  void stateDir_withoutHome_namesHome() {
    assertThatThrownBy(() -> new Locations(Map.of()).stateDir(defaults()))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("environment variable HOME: not set");
  }

  @Test
  void syncFile_followsSettingThenAwsVariableThenHome() {
    Map<String, String> env =
        Map.of("HOME", "/home/ann", "AWS_SHARED_CREDENTIALS_FILE", "/aws/creds");
    assertThat(
            new Locations(env)
                .syncFile(
                    settings(
                        "sync",
                        new JsonObject()
                            .put("file", "/x/credentials")
                            .put("removeOnShutdown", false)
                            .put("targets", new JsonObject()))))
        .isEqualTo(Path.of("/x/credentials"));
    assertThat(new Locations(env).syncFile(defaults())).isEqualTo(Path.of("/aws/creds"));
    assertThat(new Locations(HOME_ONLY).syncFile(defaults()))
        .isEqualTo(Path.of("/home/ann/.aws/credentials"));
  }

  @Test
  void stsEndpoint_settingWinsOverAwsVariable() {
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:5000");
    assertThat(new Locations(env).stsEndpoint(settings("sts.endpoint", "http://127.0.0.1:6000")))
        .contains(URI.create("http://127.0.0.1:6000"));
    assertThat(new Locations(env).stsEndpoint(defaults()))
        .contains(URI.create("http://127.0.0.1:5000"));
    assertThat(new Locations(HOME_ONLY).stsEndpoint(defaults())).isEmpty();
  }

  @Test
  void stsEndpoint_malformedAwsVariable_namesIt() {
    assertThatThrownBy(
            () ->
                new Locations(Map.of("AWS_ENDPOINT_URL_STS", "http://a b")).stsEndpoint(defaults()))
        .hasMessageStartingWith("environment variable AWS_ENDPOINT_URL_STS: ");
  }

  @Test
  void display_pathUnderHome_startsWithTilde() {
    Locations l = new Locations(HOME_ONLY);
    assertThat(l.display(Path.of("/home/ann/.config/rolekeeper/config.yaml")))
        .isEqualTo("~/.config/rolekeeper/config.yaml");
    assertThat(l.display(Path.of("/etc/rolekeeper.yaml"))).isEqualTo("/etc/rolekeeper.yaml");
  }
}

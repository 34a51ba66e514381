package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.os.Os;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsParserTest {

  private static final String FILE = "~/.config/rolekeeper/config.yaml";

  private static Settings parse(JsonObject tree) {
    return SettingsParser.parse(tree, FILE);
  }

  private static void assertRefused(JsonObject tree, String expectedMessageStart) {
    assertThatThrownBy(() -> parse(tree))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(expectedMessageStart)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void parse_shippedDefaults_giveDocumentedValues() {
    Settings s = parse(DefaultsTree.load());

    assertThat(s.listen()).isEqualTo(new Settings.Listen("127.0.0.1", 9911, 9912));
    assertThat(s.served().profiles()).isEmpty();
    assertThat(s.served().imds().enabled())
        .as("IMDS has no client secret: off by default")
        .isFalse();
    assertThat(s.served().imds().profile()).isEmpty();
    assertThat(s.served().region()).isEmpty();
    assertThat(s.refresh())
        .isEqualTo(
            new Settings.Refresh(
                Duration.ofMinutes(30),
                Duration.ofMinutes(15),
                Duration.ofSeconds(2),
                Duration.ofMinutes(5)));
    assertThat(s.mfa().leadTime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.mfa().prompts())
        .containsExactly(PromptWay.NOTIFICATION, PromptWay.WEB, PromptWay.CLI, PromptWay.PROCESS);
    assertThat(s.mfa().promptTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.mfa().sessionDuration()).isEqualTo(Duration.ofHours(12));
    assertThat(s.mfa().process()).isEmpty();
    assertThat(s.mfa().processTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.served().sync())
        .isEqualTo(new Settings.Sync(java.util.Optional.empty(), false, Map.of()));
    assertThat(s.daemon().stateDir()).isEmpty();
    assertThat(s.sts().endpoint()).isEmpty();
    assertThat(s.sts().callTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.daemon().logLevel()).isEqualTo(Settings.LogLevel.INFO);
  }

  @Test
  void parse_stsCallTimeout_isReadAndZeroIsRefused() {
    assertThat(parse(DefaultsTree.with("sts.callTimeout", "3s")).sts().callTimeout())
        .isEqualTo(Duration.ofSeconds(3));
    assertRefused(
        DefaultsTree.with("sts.callTimeout", "0s"),
        FILE + ": sts.callTimeout: must be longer than zero");
  }

  @Test
  void parse_everyKeyOfTheSchema_isInTheDefaults() {
    JsonObject defaults = DefaultsTree.load();
    assertThat(ConfigKeys.ALL)
        .allSatisfy(k -> assertThat(JsonPath.get(defaults, k.path())).as(k.path()).isNotNull());
  }

  @Test
  void parse_typedValuesAndStringNumbers_areConverted() {
    JsonObject tree = DefaultsTree.with("listen.port", "0");
    JsonPath.put(tree, "listen.host", "localhost");
    JsonPath.put(tree, "profiles", new JsonArray().add("prod").add("dev"));
    JsonPath.put(tree, "imds.profile", "dev");
    JsonPath.put(tree, "region", "eu-west-1");
    JsonPath.put(tree, "mfa.prompts", new JsonArray().add("process").add("cli"));
    JsonPath.put(tree, "mfa.process", "ykman oath accounts code --single my-aws");
    JsonPath.put(tree, "sync.targets", new JsonObject().put("prod", "prod-synced"));
    JsonPath.put(tree, "sync.removeOnShutdown", "true");
    JsonPath.put(tree, "sts.endpoint", "http://127.0.0.1:4566");
    JsonPath.put(tree, "logLevel", "debug");

    Settings s = parse(tree);

    assertThat(s.listen().port()).isZero();
    assertThat(s.listen().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(s.served().profiles()).containsExactly("prod", "dev");
    assertThat(s.served().imds().profile()).contains("dev");
    assertThat(s.served().region()).contains("eu-west-1");
    assertThat(s.mfa().prompts()).containsExactly(PromptWay.PROCESS, PromptWay.CLI);
    assertThat(s.mfa().process()).contains("ykman oath accounts code --single my-aws");
    assertThat(s.served().sync().targets()).containsExactlyEntriesOf(Map.of("prod", "prod-synced"));
    assertThat(s.served().sync().removeOnShutdown()).isTrue();
    assertThat(s.sts().endpoint()).contains(URI.create("http://127.0.0.1:4566"));
    assertThat(s.daemon().logLevel()).isEqualTo(Settings.LogLevel.DEBUG);
  }

  @Test
  void parse_settings_areImmutable() {
    Settings s = parse(DefaultsTree.with("profiles", new JsonArray().add("prod")));
    assertThatThrownBy(() -> s.served().profiles().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.mfa().prompts().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.served().sync().targets().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void parse_unknownTopLevelKey_isRefusedWithKnownKeys() {
    assertRefused(
        DefaultsTree.with("listn", new JsonObject().put("port", 1)),
        FILE + ": listn: unknown key; known keys here: listen, profiles, imds, region");
  }

  @Test
  void parse_unknownNestedKey_isRefusedWithItsSectionKeys() {
    assertRefused(
        DefaultsTree.with("mfa.leadtime", "5m"),
        FILE + ": mfa.leadtime: unknown key; known keys here: leadTime, prompts, promptTimeout");
  }

  @Test
  void parse_sectionGivenAsScalar_isRefused() {
    assertRefused(
        DefaultsTree.with("refresh", "30m"),
        FILE + ": refresh: must be a section with keys margin");
  }

  @Test
  void parse_emptySection_namesTheMissingKey() {
    JsonObject tree = DefaultsTree.load();
    tree.putNull("listen");
    assertRefused(tree, FILE + ": listen.host: has no value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "::", "example.com"})
  void parse_nonLoopbackHost_isRefused(String host) {
    assertRefused(
        DefaultsTree.with("listen.host", host),
        FILE
            + ": listen.host: "
            + host
            + " is not a loopback address; rolekeeper listens on loopback only");
  }

  @Test
  void parse_ipv6LoopbackHost_isRefused() {
    assertRefused(
        DefaultsTree.with("listen.host", "::1"), FILE + ": listen.host: ::1 is IPv6 loopback");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.2", "localhost"})
  void parse_otherLoopbackHosts_areAccepted(String host) {
    assertThat(parse(DefaultsTree.with("listen.host", host)).listen().host()).isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"65536", "-1", "http", "99999999999"})
  void parse_portOutOfRange_isRefused(String port) {
    assertRefused(
        DefaultsTree.with("listen.port", port),
        FILE
            + ": listen.port: '"
            + port
            + "' is not a port number; use 0 (any free port) to 65535");
  }

  @Test
  void parse_samePortTwice_isRefused() {
    assertRefused(
        DefaultsTree.with("listen.imdsPort", 9911),
        FILE + ": listen.imdsPort: 9911 is also listen.port");
  }

  @Test
  void parse_bothPortsZero_isAccepted() {
    JsonObject tree = DefaultsTree.with("listen.port", 0);
    JsonPath.put(tree, "listen.imdsPort", 0);
    assertThat(parse(tree).listen()).isEqualTo(new Settings.Listen("127.0.0.1", 0, 0));
  }

  @Test
  void parse_allowUsersByNameAndNumber_resolvedToUids() {
    assumeTrue(Os.current() == Os.LINUX, "names are resolved where connections are checked");
    JsonObject tree = DefaultsTree.with("listen.allowUsers", new JsonArray().add("root").add(4321));

    assertThat(parse(tree).listen().allowUids()).containsExactlyInAnyOrder(0, 4321);
  }

  @Test
  void parse_allowUsersUnknownName_isRefusedNamingIt() {
    assumeTrue(Os.current() == Os.LINUX, "names are resolved where connections are checked");
    assertRefused(
        DefaultsTree.with("listen.allowUsers", new JsonArray().add("no-such-user-here")),
        FILE + ": listen.allowUsers: no user 'no-such-user-here' here");
  }

  @Test
  void parse_badDuration_namesKeyAndForms() {
    assertRefused(
        DefaultsTree.with("refresh.margin", "half an hour"),
        FILE
            + ": refresh.margin: 'half an hour' is not a duration; use a number with s, m, h or d");
  }

  @Test
  void parse_durationWithoutUnit_isRefused() {
    assertRefused(DefaultsTree.with("mfa.leadTime", 10), FILE + ": mfa.leadTime: '10' has no unit");
  }

  @Test
  void parse_minRemainingNotBelowMargin_isRefused() {
    assertRefused(
        DefaultsTree.with("refresh.minRemaining", "30m"),
        FILE + ": refresh.minRemaining: must be less than refresh.margin");
  }

  @Test
  void parse_backoffMaxBelowInitial_isRefused() {
    assertRefused(
        DefaultsTree.with("refresh.backoffMax", "1s"),
        FILE + ": refresh.backoffMax: must be at least refresh.backoffInitial");
  }

  @Test
  void parse_zeroPromptTimeout_isRefused() {
    assertRefused(
        DefaultsTree.with("mfa.promptTimeout", "0s"),
        FILE + ": mfa.promptTimeout: must be longer than zero");
  }

  @ParameterizedTest
  @ValueSource(strings = {"14m", "37h"})
  void parse_mfaSessionOutsideStsLimits_isRefused(String duration) {
    assertRefused(
        DefaultsTree.with("mfa.sessionDuration", duration), FILE + ": mfa.sessionDuration: ");
  }

  @Test
  void parse_unknownPromptWord_isRefusedWithTheAllowedWords() {
    assertRefused(
        DefaultsTree.with("mfa.prompts", new JsonArray().add("web").add("sms")),
        FILE + ": mfa.prompts: 'sms' is not a prompt way; use notification, web, cli, process");
  }

  @Test
  void parse_promptWordInOtherCase_isRefused() {
    assertRefused(
        DefaultsTree.with("mfa.prompts", new JsonArray().add("Web")),
        FILE + ": mfa.prompts: 'Web' is not a prompt way");
  }

  @Test
  void parse_repeatedOrNoPrompts_areRefused() {
    assertRefused(
        DefaultsTree.with("mfa.prompts", new JsonArray().add("web").add("web")),
        FILE + ": mfa.prompts: 'web' is listed twice");
    assertRefused(
        DefaultsTree.with("mfa.prompts", new JsonArray()), FILE + ": mfa.prompts: is empty");
  }

  @Test
  void parse_promptsAsScalar_isRefused() {
    assertRefused(DefaultsTree.with("mfa.prompts", "web"), FILE + ": mfa.prompts: must be a list");
  }

  @Test
  void parse_syncTargetToSectionWithSpace_isRefused() {
    assertRefused(
        DefaultsTree.with("sync.targets", new JsonObject().put("prod", "prod synced")),
        FILE + ": sync.targets: prod: 'prod synced' is not a usable section name");
  }

  @Test
  void parse_syncTargetForUnservedProfile_isRefused() {
    JsonObject tree = DefaultsTree.with("profiles", new JsonArray().add("prod"));
    JsonPath.put(tree, "sync.targets", new JsonObject().put("dev", "dev-synced"));
    assertRefused(tree, FILE + ": sync.targets: 'dev' is not among the served profiles [prod]");
  }

  @Test
  void parse_twoSyncTargetsToOneSection_isRefused() {
    assertRefused(
        DefaultsTree.with("sync.targets", new JsonObject().put("a", "same").put("b", "same")),
        FILE + ": sync.targets: b: section 'same' is already the target of another profile");
  }

  @Test
  void parse_syncTargetToNonString_isRefused() {
    assertRefused(
        DefaultsTree.with("sync.targets", new JsonObject().put("prod", new JsonArray())),
        FILE + ": sync.targets: prod: must map to a section name");
  }

  @Test
  void parse_imdsEnabled_isReadAndANonBooleanIsRefused() {
    assertThat(parse(DefaultsTree.with("imds.enabled", true)).served().imds().enabled()).isTrue();
    assertThat(parse(DefaultsTree.with("imds.enabled", "true")).served().imds().enabled()).isTrue();
    assertRefused(
        DefaultsTree.with("imds.enabled", "yes"),
        FILE + ": imds.enabled: 'yes' is not true or false");
  }

  @Test
  void parse_imdsProfileNotServed_isRefused() {
    JsonObject tree = DefaultsTree.with("profiles", new JsonArray().add("prod"));
    JsonPath.put(tree, "imds.profile", "dev");
    assertRefused(tree, FILE + ": imds.profile: 'dev' is not among the served profiles [prod]");
  }

  @Test
  void parse_duplicateProfile_isRefused() {
    assertRefused(
        DefaultsTree.with("profiles", new JsonArray().add("a").add("a")),
        FILE + ": profiles: 'a' is listed twice");
  }

  @Test
  void parse_badRegion_isRefused() {
    assertRefused(
        DefaultsTree.with("region", "Ireland"), FILE + ": region: 'Ireland' is not a region name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://sts.example.com", "sts.amazonaws.com", "http://", "http://exa mple"})
  void parse_badStsEndpoint_isRefused(String endpoint) {
    assertRefused(
        DefaultsTree.with("sts.endpoint", endpoint),
        FILE + ": sts.endpoint: '" + endpoint + "' is not an http or https URL");
  }

  @Test
  void parse_relativeStateDir_isRefused() {
    assertRefused(
        DefaultsTree.with("stateDir", "state"),
        FILE + ": stateDir: 'state' must be an absolute path or start with ~/");
  }

  @Test
  void parse_badLogLevel_isRefused() {
    assertRefused(
        DefaultsTree.with("logLevel", "loud"), FILE + ": logLevel: 'LOUD' is not a log level");
  }

  @Test
  void parse_badBoolean_isRefused() {
    assertRefused(
        DefaultsTree.with("sync.removeOnShutdown", "yes please"),
        FILE + ": sync.removeOnShutdown: 'yes please' is not true or false");
  }

  @Test
  void parse_layeredSources_nameTheLayerThatSetTheValue() {
    JsonObject defaults = DefaultsTree.load();
    JsonObject merged = DefaultsTree.with("listen.port", "70000");
    Sources sources =
        Sources.layered(defaults, Map.of("listen.port", "ROLEKEEPER_LISTEN_PORT"), FILE);
    assertThatThrownBy(() -> SettingsParser.parse(merged, sources))
        .hasMessageStartingWith(
            "environment variable ROLEKEEPER_LISTEN_PORT: listen.port: '70000'");

    JsonPath.put(merged, "listen.port", 9911);
    JsonPath.put(merged, "listen.imdsPort", 9911);
    assertThatThrownBy(
            () -> SettingsParser.parse(merged, Sources.layered(defaults, Map.of(), FILE)))
        .hasMessageStartingWith(FILE + ": listen.imdsPort: ");
  }

  @Test
  void parse_listenHostMessage_matchesTheDocumentedExample() {
    assertThatThrownBy(() -> parse(DefaultsTree.with("listen.host", "10.0.0.1")))
        .hasMessage(
            "~/.config/rolekeeper/config.yaml: listen.host: 10.0.0.1 is not a loopback address; rolekeeper listens on"
                + " loopback only (127.0.0.0/8 or localhost)");
  }

  @Test
  void parse_profileNamesFromYamlNumbers_becomeStrings() {
    assertThat(
            parse(DefaultsTree.with("profiles", new JsonArray(List.of("prod", 2024))))
                .served()
                .profiles())
        .containsExactly("prod", "2024");
  }

  @Test
  void stsEndpoint_settingWinsOverAwsVariable() {
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:5000");
    assertThat(
            parse(DefaultsTree.with("sts.endpoint", "http://127.0.0.1:6000"))
                .sts()
                .effectiveEndpoint(env))
        .contains(URI.create("http://127.0.0.1:6000"));
    assertThat(parse(DefaultsTree.load()).sts().effectiveEndpoint(env))
        .contains(URI.create("http://127.0.0.1:5000"));
    assertThat(parse(DefaultsTree.load()).sts().effectiveEndpoint(Map.of())).isEmpty();
  }

  @Test
  void stsEndpoint_malformedAwsVariable_namesIt() {
    Settings.Sts sts = parse(DefaultsTree.load()).sts();
    assertThatThrownBy(() -> sts.effectiveEndpoint(Map.of("AWS_ENDPOINT_URL_STS", "http://a b")))
        .hasMessageStartingWith("environment variable AWS_ENDPOINT_URL_STS: ");
  }
}

package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.http.Http;
import dev.rolekeeper.sandbox.DemoAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * IMDS is opt-in for a real daemon: what the settings say decides whether its port opens at all,
 * which profile it serves, and what the start-up log, {@code daemon.json} and the status say.
 */
@ExtendWith(VertxExtension.class)
class ImdsOptInDaemonTest {

  private static final List<String> BOTH =
      List.of(DemoAccount.DEV_PROFILE, DemoAccount.READONLY_PROFILE);

  @TempDir Path home;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger daemonLog = (Logger) LoggerFactory.getLogger(Daemon.class);
  private final Logger reloaderLog = (Logger) LoggerFactory.getLogger(Reloader.class);
  private Vertx vertx;
  private Http http;
  private RunningDaemon running;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    http = new Http(vertx);
    logs.start();
    daemonLog.addAppender(logs);
    reloaderLog.addAppender(logs);
  }

  @AfterEach
  void tearDown() throws Exception {
    daemonLog.detachAppender(logs);
    reloaderLog.detachAppender(logs);
    if (running != null) {
      running.stop();
    }
    await(http.close());
  }

  @Test
  void defaultSettings_openNoImdsPortAndSayImdsIsOff() throws Exception {
    int imdsPort = freePort();
    start(BOTH, Map.of("ROLEKEEPER_LISTEN_IMDSPORT", Integer.toString(imdsPort)));

    assertThat(running.daemon.imdsPort()).isZero();
    assertThatThrownBy(() -> connect(imdsPort)).isInstanceOf(ConnectException.class);
    assertThat(DaemonInfo.read(running.home.resolve("state")).orElseThrow().imdsPort()).isZero();
    JsonObject imds = status();
    assertThat(imds.getBoolean("enabled")).isFalse();
    assertThat(imds.getString("summary")).startsWith("IMDS is off");
    assertThat(logged(Level.INFO))
        .contains("IMDS is off (imds.enabled: false): no IMDS port is open");
  }

  @Test
  void enabledWithOneServedProfile_servesItAndNamesItInStatusAndLog() throws Exception {
    start(
        List.of(DemoAccount.DEV_PROFILE), Map.of(RunningDaemon.IMDS_ENABLED, "true", PROFILE, ""));

    assertThat(roleList().body()).isEqualTo(DemoAccount.DEV_PROFILE);
    String expected =
        "IMDS is on: any process of this user can read profile demo-dev's credentials from"
            + " 127.0.0.1:"
            + running.daemon.imdsPort()
            + " without a token";
    assertThat(status().getString("summary")).isEqualTo(expected);
    assertThat(status().getString("profile")).isEqualTo(DemoAccount.DEV_PROFILE);
    assertThat(logged(Level.WARN)).contains(expected);
  }

  @Test
  void enabledWithSeveralServedAndNoneNamed_servesNoRoleAndNamesTheChoices() throws Exception {
    start(BOTH, Map.of(RunningDaemon.IMDS_ENABLED, "true", PROFILE, ""));

    Http.Reply list = roleList();
    assertThat(list.status()).isEqualTo(404);
    assertThat(list.json().getString("message"))
        .endsWith("set imds.profile to one of: demo-dev, demo-readonly");
    Http.Reply credentials = imdsGet("/latest/meta-data/iam/security-credentials/demo-dev");
    assertThat(credentials.status()).isEqualTo(404);
    assertThat(credentials.json().getString("code")).isEqualTo("NoRole");
    assertThat(status().getValue("profile")).isNull();
    assertThat(status().getString("summary"))
        .contains("serves no role")
        .endsWith("set imds.profile to one of: demo-dev, demo-readonly");
    assertThat(logged(Level.WARN))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("but serves no role")
                    .endsWith("set imds.profile to one of: demo-dev, demo-readonly"));
  }

  @Test
  void enabledWithANamedProfile_servesThatOne() throws Exception {
    start(BOTH, Map.of(RunningDaemon.IMDS_ENABLED, "true", PROFILE, DemoAccount.READONLY_PROFILE));

    assertThat(roleList().body()).isEqualTo(DemoAccount.READONLY_PROFILE);
    Http.Reply credentials =
        imdsGet("/latest/meta-data/iam/security-credentials/" + DemoAccount.READONLY_PROFILE);
    assertThat(credentials.status()).as(credentials.body()).isEqualTo(200);
    assertThat(credentials.json().getString("AccessKeyId"))
        .isEqualTo(running.currentCredentials(DemoAccount.READONLY_PROFILE).accessKeyId());
  }

  @Test
  void reloadTurningImdsOn_needsARestartAndSaysSo() throws Exception {
    start(BOTH, Map.of());

    await(running.daemon.applySettings(settingsWith(Map.of(RunningDaemon.IMDS_ENABLED, "true"))));

    assertThat(running.daemon.imdsPort()).isZero();
    assertThat(status().getString("summary"))
        .isEqualTo(
            "IMDS is off: imds.enabled was turned on after rolekeeper started; restart rolekeeper"
                + " to open the IMDS port");
    assertThat(logged(Level.WARN))
        .anySatisfy(line -> assertThat(line).contains("after a restart (imds.enabled)"));
  }

  @Test
  void reloadTurningImdsOff_stopsServingTheRoleAtOnce() throws Exception {
    start(BOTH, Map.of(RunningDaemon.IMDS_ENABLED, "true"));
    assertThat(roleList().body()).isEqualTo(DemoAccount.DEV_PROFILE);

    await(running.daemon.applySettings(settingsWith(Map.of(RunningDaemon.IMDS_ENABLED, "false"))));

    Http.Reply list = roleList();
    assertThat(list.status()).isEqualTo(404);
    assertThat(list.json().getString("message")).contains("imds.enabled: false");
    assertThat(status().getString("summary")).contains("closes when rolekeeper restarts");
  }

  private static final String PROFILE = "ROLEKEEPER_IMDS_PROFILE";

  private void start(List<String> profiles, Map<String, String> env) throws Exception {
    running = RunningDaemon.prepare(vertx, home, profiles, env).startDaemon(vertx);
  }

  private Settings settingsWith(Map<String, String> changes) throws Exception {
    Map<String, String> env = new HashMap<>(running.env);
    env.putAll(changes);
    return await(SettingsLoader.loadOnce(vertx, Optional.of(home.resolve("settings.yaml")), env));
  }

  private JsonObject status() throws Exception {
    Http.Reply reply =
        await(
            http.get(
                running.daemon.port(),
                "/control/status",
                "Authorization",
                running.daemon.tokens().controlToken()));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().getJsonObject("imds");
  }

  private Http.Reply roleList() throws Exception {
    return imdsGet("/latest/meta-data/iam/security-credentials/");
  }

  private Http.Reply imdsGet(String path) throws Exception {
    int port = running.daemon.imdsPort();
    String token =
        await(http.put(port, "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds", "60"))
            .body();
    return await(http.get(port, path, "X-aws-ec2-metadata-token", token));
  }

  private List<String> logged(Level level) {
    return logs.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void connect(int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }
}

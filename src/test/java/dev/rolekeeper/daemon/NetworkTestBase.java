package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.http.Http;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.sts.ForwardProxy;
import dev.rolekeeper.sts.TestCa;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's AWS calls through a real forward proxy ({@link ForwardProxy}) to a simulator whose
 * host name, {@link TestCa#HOST}, resolves through that proxy alone: a call that skips the proxy
 * cannot reach it. Over HTTPS the simulator's certificate comes from a private CA that only {@code
 * AWS_CA_BUNDLE} or a profile's {@code ca_bundle} makes trusted. Logs are captured at DEBUG, to be
 * searched for secrets.
 */
@ExtendWith(VertxExtension.class)
abstract class NetworkTestBase {

  static final String DEV = DemoAccount.DEV_PROFILE;
  static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path home;

  Vertx vertx;
  ForwardProxy proxy;
  RunningDaemon running;
  Http http;
  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    proxy = ForwardProxy.start();
    http = new Http(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (running != null) {
      running.stop();
    }
    await(http.close());
    proxy.close();
  }

  void start(KeyCertOptions tls, Function<StsSimulator, Map<String, String>> env) throws Exception {
    start(tls, env, null);
  }

  void start(KeyCertOptions tls, Function<StsSimulator, Map<String, String>> env, String devLine)
      throws Exception {
    running =
        RunningDaemon.prepare(
            vertx,
            home,
            List.of(DEV),
            tls,
            sim -> {
              proxy.route(TestCa.HOST, sim.port());
              return env.apply(sim);
            });
    if (devLine != null) {
      Path config = home.resolve(".aws/config");
      Files.writeString(
          config,
          Files.readString(config)
              .replace("[profile " + DEV + "]\n", "[profile " + DEV + "]\n" + devLine + "\n"));
    }
    running.startDaemon(vertx);
  }

  /** The simulator's endpoint under the name only the proxy resolves, and one proxy variable. */
  static Map<String, String> env(StsSimulator sim, String scheme, String variable, String value) {
    Map<String, String> env = new HashMap<>();
    env.put("ROLEKEEPER_STS_ENDPOINT", scheme + "://" + TestCa.HOST + ":" + sim.port());
    env.put(variable, value);
    return env;
  }

  static Map<String, String> with(Map<String, String> env, Map<String, String> more) {
    env.putAll(more);
    return env;
  }

  static KeyCertOptions tls() throws Exception {
    return TestCa.get().serverKeyCert();
  }

  static String caPemPath() {
    try {
      return TestCa.get().caPem().toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void awaitSession() throws Exception {
    await(Eventually.until(vertx, () -> running.currentCredentialsOrNull(DEV) != null, WAIT));
  }

  /** The profile's last error, once it has one. */
  String awaitError() throws Exception {
    String[] error = new String[1];
    await(
        Eventually.untilAnswered(
            vertx,
            () ->
                running
                    .daemon
                    .sessions()
                    .status()
                    .map(
                        lines -> {
                          error[0] = lines.get(0).refresh().lastError();
                          return error[0] != null;
                        }),
            WAIT));
    return error[0];
  }

  JsonObject status() throws Exception {
    Http.Reply reply =
        await(
            http.get(
                running.daemon.port(),
                "/control/status",
                "Authorization",
                running.daemon.tokens().controlToken()));
    assertThat(reply.status()).isEqualTo(200);
    JsonObject json = reply.json();
    return json;
  }

  /** What {@code status} says of the served profile's STS calls: proxy and CA bundle. */
  String stsNetwork() throws Exception {
    return status().getJsonArray("profiles").getJsonObject(0).getString("network");
  }

  /** The Base64 credentials a {@code Proxy-Authorization: Basic} header carries. */
  static String basic(String user, String password) {
    return java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  void assertNoLogMentions(String secret) {
    assertThat(logs.lines()).allSatisfy(line -> assertThat(line).doesNotContain(secret));
  }
}

package dev.rolekeeper.service;

import static dev.rolekeeper.service.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.rolekeeper.endpoint.Http;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.sts.ForwardProxy;
import dev.rolekeeper.sts.TestCa;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The daemon's STS calls through a real forward proxy ({@link ForwardProxy}) to a simulator whose
 * host name, {@link TestCa#HOST}, resolves through that proxy alone: a call that skips the proxy
 * cannot reach it. Over HTTPS the simulator's certificate comes from a private CA that only {@code
 * AWS_CA_BUNDLE} or a profile's {@code ca_bundle} makes trusted.
 */
@ExtendWith(VertxExtension.class)
class NetworkEndToEndTest {

  private static final String DEV = DemoAccount.DEV_PROFILE;
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path home;

  private Vertx vertx;
  private ForwardProxy proxy;
  private RunningDaemon running;
  private Http http;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger root;
  private Level savedLevel;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    proxy = ForwardProxy.start();
    http = new Http(vertx);
    root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    savedLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void tearDown() throws Exception {
    root.detachAppender(logs);
    root.setLevel(savedLevel);
    if (running != null) {
      running.stop();
    }
    await(http.close());
    proxy.close();
  }

  @Test
  void plainHttpEndpoint_onlyThroughHttpProxy_isReachedThroughTheProxy() throws Exception {
    start(null, sim -> env(sim, "http", "HTTP_PROXY", proxy.url()));

    awaitSession();

    assertThat(proxy.seen())
        .isNotEmpty()
        .allSatisfy(
            seen -> {
              assertThat(seen.method()).isEqualTo("POST");
              assertThat(seen.target()).startsWith("http://" + TestCa.HOST + ":");
            });
    assertThat(status().getJsonArray("network").getJsonObject(0).getString("sts"))
        .contains("proxy " + proxy.url() + " (HTTP_PROXY)");
  }

  @Test
  void httpsEndpoint_onlyHttpsProxy_tunnelsWithConnect() throws Exception {
    Map<String, String> extra = new HashMap<>();
    extra.put("AWS_CA_BUNDLE", TestCa.get().caPem().toString());
    start(tls(), sim -> with(env(sim, "https", "HTTPS_PROXY", proxy.url()), extra));

    awaitSession();

    assertThat(proxy.seen())
        .isNotEmpty()
        .allSatisfy(seen -> assertThat(seen.method()).isEqualTo("CONNECT"));
    assertThat(proxy.seen().get(0).target()).startsWith(TestCa.HOST + ":");
    assertThat(status().getJsonArray("network").getJsonObject(0).getString("sts"))
        .contains("(HTTPS_PROXY)")
        .contains("CA bundle " + TestCa.get().caPem() + " (AWS_CA_BUNDLE)");
  }

  @Test
  void httpsEndpoint_lowerCaseProxy_andProfileCaBundle_obtainsSession() throws Exception {
    start(
        tls(),
        sim -> {
          Map<String, String> env = env(sim, "https", "https_proxy", proxy.url());
          // The upper-case variable names a proxy that does not exist: lower case wins.
          env.put("HTTPS_PROXY", "http://127.0.0.1:1");
          return env;
        },
        "ca_bundle = " + TestCa.get().caPem());

    awaitSession();

    assertThat(proxy.seen()).extracting(ForwardProxy.Seen::method).contains("CONNECT");
    assertThat(status().getJsonArray("network").getJsonObject(0).getString("sts"))
        .contains("(https_proxy)")
        .contains(TestCa.get().caPem() + " (ca_bundle)");
  }

  @Test
  void httpsEndpoint_withOnlyHttpProxy_doesNotUseIt() throws Exception {
    start(
        tls(),
        sim ->
            with(
                env(sim, "https", "HTTP_PROXY", proxy.url()),
                Map.of("AWS_CA_BUNDLE", caPemPath())));

    String error = awaitError();

    assertThat(proxy.seen()).isEmpty();
    assertThat(error).contains(TestCa.HOST);
  }

  @Test
  void httpsEndpoint_withoutCaBundle_failsSayingTheCertificateIsNotTrusted() throws Exception {
    start(tls(), sim -> env(sim, "https", "HTTPS_PROXY", proxy.url()));

    String error = awaitError();

    assertThat(error).containsIgnoringCase("certificat");
    assertThat(running.currentCredentialsOrNull(DEV)).isNull();
  }

  @Test
  void missingCaBundle_failsThatProfileNamingTheFile() throws Exception {
    Path missing = home.resolve("no-such-bundle.pem");
    start(tls(), sim -> env(sim, "https", "HTTPS_PROXY", proxy.url()), "ca_bundle = " + missing);

    String error = awaitError();

    assertThat(error).contains(missing.toString()).contains("does not exist");
    assertThat(proxy.seen()).isEmpty();
  }

  @Test
  void authenticatingProxy_rightCredentials_tunnelsWithThem() throws Exception {
    proxy.requireBasic("alice", "s3cret:p@ss");
    String url = "http://alice:s3cret%3Ap%40ss@127.0.0.1:" + proxy.port();
    start(
        tls(),
        sim -> with(env(sim, "https", "HTTPS_PROXY", url), Map.of("AWS_CA_BUNDLE", caPemPath())));

    awaitSession();

    assertThat(proxy.seen()).allSatisfy(seen -> assertThat(seen.status()).isZero());
    assertThat(status().encode())
        .contains("http://alice:***@127.0.0.1:" + proxy.port())
        .doesNotContain("s3cret");
    assertNoLogMentions("s3cret");
  }

  @Test
  void authenticatingProxy_plainHttp_sendsTheCredentials() throws Exception {
    proxy.requireBasic("alice", "pw");
    start(null, sim -> env(sim, "http", "http_proxy", "alice:pw@127.0.0.1:" + proxy.port()));

    awaitSession();

    assertThat(proxy.seen()).isNotEmpty().allSatisfy(seen -> assertThat(seen.status()).isZero());
  }

  @Test
  void authenticatingProxy_wrongCredentials_failsClearlyWithoutThePassword() throws Exception {
    proxy.requireBasic("alice", "right");
    String url = "http://alice:wrong-pw@127.0.0.1:" + proxy.port();
    start(
        tls(),
        sim -> with(env(sim, "https", "HTTPS_PROXY", url), Map.of("AWS_CA_BUNDLE", caPemPath())));

    String error = awaitError();

    assertThat(error)
        .contains("407")
        .contains("did not accept the user and password")
        .contains("alice:***@")
        .doesNotContain("wrong-pw");
    assertThat(proxy.seen()).extracting(ForwardProxy.Seen::status).contains(407);
    assertNoLogMentions("wrong-pw");
  }

  @Test
  void authenticatingProxy_plainHttpWrongCredentials_failsClearlyWithoutThePassword()
      throws Exception {
    proxy.requireBasic("alice", "right");
    start(
        null,
        sim -> env(sim, "http", "HTTP_PROXY", "http://alice:wrong-pw@127.0.0.1:" + proxy.port()));

    String error = awaitError();

    assertThat(error).contains("ProxyAuthenticationRequired").contains("HTTP 407");
    assertThat(proxy.seen()).extracting(ForwardProxy.Seen::status).contains(407);
    assertNoLogMentions("wrong-pw");
  }

  @Test
  void noProxy_coveringTheEndpoint_goesDirect() throws Exception {
    start(
        null,
        sim -> {
          Map<String, String> env = new HashMap<>();
          env.put("ROLEKEEPER_STS_ENDPOINT", sim.endpoint().toString());
          env.put("HTTP_PROXY", proxy.url());
          env.put("NO_PROXY", "example.com, 127.0.0.1");
          return env;
        });

    awaitSession();

    assertThat(proxy.seen()).isEmpty();
    assertThat(status().getJsonArray("network").getJsonObject(0).getString("sts"))
        .contains("direct: NO_PROXY covers 127.0.0.1");
  }

  private void start(KeyCertOptions tls, Function<StsSimulator, Map<String, String>> env)
      throws Exception {
    start(tls, env, null);
  }

  private void start(
      KeyCertOptions tls, Function<StsSimulator, Map<String, String>> env, String devLine)
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
  private static Map<String, String> env(
      StsSimulator sim, String scheme, String variable, String value) {
    Map<String, String> env = new HashMap<>();
    env.put("ROLEKEEPER_STS_ENDPOINT", scheme + "://" + TestCa.HOST + ":" + sim.port());
    env.put(variable, value);
    return env;
  }

  private static Map<String, String> with(Map<String, String> env, Map<String, String> more) {
    env.putAll(more);
    return env;
  }

  private static KeyCertOptions tls() throws Exception {
    return TestCa.get().serverKeyCert();
  }

  private static String caPemPath() {
    try {
      return TestCa.get().caPem().toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitSession() throws Exception {
    await(Eventually.until(vertx, () -> running.currentCredentialsOrNull(DEV) != null, WAIT));
  }

  /** The profile's last error, once it has one. */
  private String awaitError() throws Exception {
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
                          error[0] = lines.get(0).lastError();
                          return error[0] != null;
                        }),
            WAIT));
    return error[0];
  }

  private JsonObject status() throws Exception {
    Http.Reply reply =
        await(
            http.get(
                running.daemon.port(),
                "/control/status",
                "Authorization",
                running.daemon.tokens().controlToken()));
    assertThat(reply.status()).isEqualTo(200);
    JsonObject json = reply.json();
    assertThat(json.getValue("network")).isInstanceOf(JsonArray.class);
    return json;
  }

  private void assertNoLogMentions(String secret) {
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(secret);
      if (event.getThrowableProxy() != null) {
        assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).doesNotContain(secret);
      }
    }
  }
}

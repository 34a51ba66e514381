package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.rolekeeper.sts.ForwardProxy;
import dev.rolekeeper.sts.TestCa;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * STS calls of a running daemon through a real forward proxy, chosen by the variables as the AWS
 * CLI chooses (see {@link NetworkTestBase}).
 */
class ProxyEndToEndTest extends NetworkTestBase {

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
    assertThat(stsNetwork()).contains("proxy " + proxy.url() + " (HTTP_PROXY)");
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
    assertThat(stsNetwork())
        .contains("(HTTPS_PROXY)")
        .contains("CA bundle " + TestCa.get().caPem() + " (AWS_CA_BUNDLE)");
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
    assertThat(logs.events())
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("STS calls in us-east-1: proxy http://alice:***@127.0.0.1:"));
    assertNoLogMentions("s3cret");
    assertNoLogMentions(basic("alice", "s3cret:p@ss"));
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
    assertNoLogMentions(basic("alice", "wrong-pw"));
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
    assertNoLogMentions(basic("alice", "wrong-pw"));
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
    assertThat(stsNetwork()).contains("direct: NO_PROXY covers 127.0.0.1");
  }
}

package dev.rolekeeper.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy variables read as botocore reads them (urllib's getproxies and proxy_bypass). */
class ProxyEnvironmentTest {

  private static final URI HTTPS = URI.create("https://sts.eu-west-1.amazonaws.com");
  private static final URI HTTP = URI.create("http://sts.local.test:8080/");

  private static String proxyFor(Map<String, String> env, URI endpoint) {
    return ProxyEnvironment.from(env).proxyFor(endpoint).map(ProxyServer::toString).orElse(null);
  }

  @Test
  void httpsEndpoint_usesHttpsProxyOnly_neverHttpProxy() {
    assertThat(proxyFor(Map.of("HTTP_PROXY", "http://p:1"), HTTPS)).isNull();
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "http://p:1"), HTTPS))
        .isEqualTo("http://p:1 (HTTPS_PROXY)");
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "http://p:1"), HTTP)).isNull();
    assertThat(proxyFor(Map.of("HTTP_PROXY", "http://p:2"), HTTP))
        .isEqualTo("http://p:2 (HTTP_PROXY)");
  }

  @Test
  void bothCases_lowerCaseWins_andEmptyLowerCaseTurnsUpperOff() {
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "http://up:1", "https_proxy", "http://low:2"), HTTPS))
        .isEqualTo("http://low:2 (https_proxy)");
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "http://up:1", "https_proxy", ""), HTTPS)).isNull();
    assertThat(proxyFor(Map.of("http_proxy", "http://low:3"), HTTP))
        .isEqualTo("http://low:3 (http_proxy)");
  }

  @Test
  void allProxy_isNotRead_andCgiIgnoresUpperCaseHttpProxy() {
    assertThat(proxyFor(Map.of("ALL_PROXY", "http://p:1", "all_proxy", "http://p:1"), HTTPS))
        .isNull();
    assertThat(proxyFor(Map.of("HTTP_PROXY", "http://p:1", "REQUEST_METHOD", "GET"), HTTP))
        .isNull();
  }

  @Test
  void proxyUrl_withoutSchemeOrPort_isHttpOnPort80_andCredentialsArePercentDecoded() {
    ProxyServer proxy = ProxyServer.parse("HTTPS_PROXY", "us%40er:p%3Aw+d@proxy.corp");
    assertThat(proxy.host()).isEqualTo("proxy.corp");
    assertThat(proxy.port()).isEqualTo(80);
    assertThat(proxy.username()).isEqualTo("us@er");
    assertThat(proxy.password()).isEqualTo("p:w+d");
    assertThat(proxy.toString()).isEqualTo("http://us@er:***@proxy.corp:80 (HTTPS_PROXY)");
    assertThat(proxy.authorization()).isEqualTo("Basic dXNAZXI6cDp3K2Q=");
    assertThat(ProxyServer.parse("X", "//[::1]:3128/").host()).isEqualTo("::1");
  }

  @Test
  void userWithoutPassword_sendsNoCredentials_likeBotocore() {
    assertThat(ProxyServer.parse("HTTPS_PROXY", "http://user@p:1").authorization()).isNull();
  }

  @Test
  void unusableProxyUrl_failsTheCallsItServes_namingTheVariableNotTheValue() {
    ProxyEnvironment env =
        ProxyEnvironment.from(Map.of("HTTPS_PROXY", "http://u:secret@p:x", "HTTP_PROXY", "h:1"));

    assertThatThrownBy(() -> env.proxyFor(HTTPS))
        .isInstanceOf(NetworkSetupException.class)
        .hasMessageContaining("HTTPS_PROXY")
        .hasMessageNotContaining("secret");
    assertThat(env.proxyFor(HTTP)).map(ProxyServer::host).contains("h");
    assertThat(env.describe(HTTPS)).startsWith("unusable: HTTPS_PROXY is not a proxy URL");
    assertThatThrownBy(
            () -> ProxyEnvironment.from(Map.of("https_proxy", "https://p:443")).proxyFor(HTTPS))
        .hasMessageContaining("https_proxy names an https:// proxy");
  }

  @Test
  void noProxy_matchesHostsAndDomainSuffixes_withOrWithoutLeadingDot() {
    ProxyEnvironment env =
        ProxyEnvironment.from(
            Map.of(
                "HTTPS_PROXY", "http://p:1",
                "NO_PROXY", " .Amazonaws.com ,internal"));
    assertThat(env.bypasses(HTTPS)).isTrue();
    assertThat(env.bypasses(URI.create("https://amazonaws.com"))).isTrue();
    assertThat(env.bypasses(URI.create("https://internal:8443"))).isTrue();
    assertThat(env.bypasses(URI.create("https://notinternal"))).isFalse();
    assertThat(env.bypasses(URI.create("https://sts.amazonaws.com.evil.test"))).isFalse();
  }

  @Test
  void noProxy_hostWithPort_matchesOnlyThatPort() {
    ProxyEnvironment env =
        ProxyEnvironment.from(
            Map.of("HTTP_PROXY", "http://p:1", "no_proxy", "sts.local.test:8080"));
    assertThat(env.bypasses(HTTP)).isTrue();
    assertThat(env.bypasses(URI.create("http://sts.local.test:9090/"))).isFalse();
  }

  @Test
  void noProxy_starAlone_bypassesAll_butCidrIsNotUnderstood() {
    assertThat(ProxyEnvironment.from(Map.of("NO_PROXY", "*")).bypasses(HTTPS)).isTrue();
    assertThat(ProxyEnvironment.from(Map.of("NO_PROXY", "*,x")).bypasses(HTTPS)).isFalse();
    ProxyEnvironment cidr = ProxyEnvironment.from(Map.of("NO_PROXY", "127.0.0.0/8"));
    assertThat(cidr.bypasses(URI.create("http://127.0.0.1:1"))).isFalse();
    ProxyEnvironment ip = ProxyEnvironment.from(Map.of("NO_PROXY", "127.0.0.1"));
    assertThat(ip.bypasses(URI.create("http://127.0.0.1:1"))).isTrue();
  }

  @Test
  void noProxy_lowerCaseWins() {
    ProxyEnvironment env =
        ProxyEnvironment.from(Map.of("NO_PROXY", "amazonaws.com", "no_proxy", "other.test"));
    assertThat(env.bypasses(HTTPS)).isFalse();
    assertThat(env.noProxyVariable()).isEqualTo("no_proxy");
  }
}

package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RequestCheck.loopbackHost(String, int)}: loopback names with exactly the receiving port.
 */
class HostCheckTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:8123", "localhost:8123", "LocalHost:8123", "[::1]:8123"})
  void accepts_loopbackNameWithPort_isTrue(String host) {
    assertThat(RequestCheck.loopbackHost(host, 8123)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "localhost",
        "127.0.0.1:8124",
        "127.0.0.1:812",
        "127.0.0.1:81230",
        "127.0.0.1:",
        "127.0.0.1:+8123",
        "localhost.evil.example:8123",
        "127.0.0.2:8123",
        "evil:8123",
        "[::1]",
        "::1:8123",
        "",
        "127.0.0.1:8123 ",
        "127.0.0.1:0008123"
      })
  void accepts_otherHosts_isFalse(String host) {
    assertThat(RequestCheck.loopbackHost(host, 8123)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "localhost:80"})
  void accepts_withoutPort_onlyOnPort80(String host) {
    assertThat(RequestCheck.loopbackHost(host, 80)).isTrue();
    assertThat(RequestCheck.loopbackHost(host.replace(":80", ""), 8080)).isFalse();
  }
}

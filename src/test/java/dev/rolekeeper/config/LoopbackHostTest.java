package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "127.255.255.254", "localhost", "LOCALHOST"})
  void problem_ipv4LoopbackOrLocalhost_isNone(String host) {
    assertThat(LoopbackHost.problem(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "10.0.0.1",
        "::",
        "192.168.1.1",
        "128.0.0.1",
        "127.0.0.256",
        "127.0.1",
        "example.com",
        "localhost.example.com",
        "",
        "1.127.0.0.1"
      })
  void problem_nonLoopback_saysLoopbackOnly(String host) {
    assertThat(LoopbackHost.problem(host))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith(host + " is not a loopback address")
                    .contains("loopback only"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"::1", "[::1]"})
  void problem_ipv6Loopback_explainsIpv4Only(String host) {
    assertThat(LoopbackHost.problem(host))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .contains("IPv6 loopback")
                    .contains("IPv4 literal in the container URI"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "Localhost"})
  void bindAddress_localhost_is127001(String host) {
    assertThat(LoopbackHost.bindAddress(host)).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.2", "127.1.2.3"})
  void bindAddress_literal_isKept(String host) {
    assertThat(LoopbackHost.bindAddress(host)).isEqualTo(host);
  }
}

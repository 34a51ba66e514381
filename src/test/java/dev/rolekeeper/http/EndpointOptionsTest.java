package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.daemon.ImdsChoice;
import dev.rolekeeper.http.EndpointOptions.Listen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EndpointOptions} and its {@link Listen}: loopback literals only, ports in range. */
class EndpointOptionsTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "[::1]"})
  void constructor_withLoopbackLiteral_isAccepted(String host) {
    assertThat(new Listen(host, 9911, 9912).host()).isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "192.168.1.10",
        "::",
        "localhost",
        "example.com",
        "",
        "10.0.0.1",
        "cafe",
        "dead.beef"
      })
  void constructor_withNonLoopbackHost_isRefusedNamingIt(String host) {
    assertThatThrownBy(() -> new Listen(host, 9911, 9912))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + host + "'")
        .hasMessageContaining("loopback");
  }

  @Test
  void constructor_withPortOutOfRange_isRefused() {
    assertThatThrownBy(() -> new Listen("127.0.0.1", 70000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  @Test
  void constructor_withBlankRegion_isRefused() {
    assertThatThrownBy(() -> RunningEndpoint.loopback(ImdsChoice.off(), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("region");
  }
}

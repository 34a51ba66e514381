package dev.rolekeeper.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.sts.ForwardProxy;
import dev.rolekeeper.sts.TestCa;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SSO OIDC and portal clients go through the same proxy and trust as the STS calls: the
 * simulated Identity Center serves HTTPS under a name only the proxy resolves, with a certificate
 * only {@code AWS_CA_BUNDLE} makes trusted.
 */
@ExtendWith(VertxExtension.class)
class SsoNetworkTest {

  private static final SsoSettings SETTINGS =
      new SsoSettings(
          null,
          DemoAccount.SSO_START_URL,
          "us-east-1",
          List.of(),
          DemoAccount.ACCOUNT,
          DemoAccount.SSO_ROLE);

  private StsSimulator simulator;
  private ForwardProxy proxy;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    simulator =
        new StsSimulator(DemoAccount.create().config()).withTls(TestCa.get().serverKeyCert());
    simulator.start(vertx, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    proxy = ForwardProxy.start().route(TestCa.HOST, simulator.port());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    simulator.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private SsoCalls calls(Map<String, String> more) throws Exception {
    String endpoint = "https://" + TestCa.HOST + ":" + simulator.port();
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "AWS_ENDPOINT_URL_SSO", endpoint,
                "AWS_ENDPOINT_URL_SSO_OIDC", endpoint,
                "HTTPS_PROXY", proxy.url()));
    env.putAll(more);
    return new SsoCalls(SsoClients.fromEnvironment(env, Duration.ofSeconds(5)), Clock.systemUTC());
  }

  @Test
  void oidcAndPortal_throughHttpsProxy_withCaBundle_reachIdentityCenter() throws Exception {
    SsoCalls calls = calls(Map.of("AWS_CA_BUNDLE", TestCa.get().caPem().toString()));

    SsoToken.Registration registration = calls.register(SETTINGS);
    SsoCallException portal =
        catchThrowableOfType(
            () -> calls.roleCredentials(SETTINGS, "not-a-token"), SsoCallException.class);

    assertThat(registration.clientId()).isNotBlank();
    // The portal answered (it refuses the made-up token): the call reached it.
    assertThat(portal.code()).isNotEqualTo("Unreachable");
    assertThat(proxy.seen())
        .isNotEmpty()
        .allSatisfy(
            seen -> {
              assertThat(seen.method()).isEqualTo("CONNECT");
              assertThat(seen.target()).isEqualTo(TestCa.HOST + ":" + simulator.port());
            });
  }

  @Test
  void oidcAndPortal_trustTheCallingProfilesCaBundle() throws Exception {
    SsoSettings withBundle =
        new SsoSettings(
            null,
            DemoAccount.SSO_START_URL,
            "us-east-1",
            List.of(),
            new SsoSettings.Role(DemoAccount.ACCOUNT, DemoAccount.SSO_ROLE),
            TestCa.get().caPem().toString());
    SsoCalls calls = calls(Map.of());

    SsoToken.Registration registration = calls.register(withBundle);
    SsoCallException portal =
        catchThrowableOfType(
            () -> calls.roleCredentials(withBundle, "not-a-token"), SsoCallException.class);

    assertThat(registration.clientId()).isNotBlank();
    assertThat(portal.code()).isNotEqualTo("Unreachable");
    // The same calls for a profile without the bundle are not trusted.
    assertThat(catchThrowableOfType(() -> calls.register(SETTINGS), SsoCallException.class))
        .hasMessageContaining("certification path");
  }

  @Test
  void missingProfileCaBundle_failsNamingTheFile() throws Exception {
    SsoSettings missing =
        new SsoSettings(
            null,
            DemoAccount.SSO_START_URL,
            "us-east-1",
            List.of(),
            new SsoSettings.Role(DemoAccount.ACCOUNT, DemoAccount.SSO_ROLE),
            "/nonexistent/corp-ca.pem");

    SsoCallException failure =
        catchThrowableOfType(() -> calls(Map.of()).register(missing), SsoCallException.class);

    assertThat(failure.getMessage())
        .contains("/nonexistent/corp-ca.pem")
        .contains("does not exist");
    assertThat(proxy.seen()).isEmpty();
  }

  @Test
  void oidc_withoutCaBundle_failsOnTheCertificate() throws Exception {
    SsoCallException failure =
        catchThrowableOfType(() -> calls(Map.of()).register(SETTINGS), SsoCallException.class);

    assertThat(failure.code()).isEqualTo("Unreachable");
    assertThat(failure.getMessage()).containsIgnoringCase("certification path");
  }
}

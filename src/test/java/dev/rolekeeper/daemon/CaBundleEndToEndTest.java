package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.sts.ForwardProxy;
import dev.rolekeeper.sts.TestCa;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * STS calls of a running daemon to an HTTPS endpoint whose certificate comes from a private CA:
 * trusted through a profile's {@code ca_bundle}, refused without it (see {@link NetworkTestBase}).
 */
class CaBundleEndToEndTest extends NetworkTestBase {

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
    assertThat(stsNetwork())
        .contains("(https_proxy)")
        .contains(TestCa.get().caPem() + " (ca_bundle)");
  }

  @Test
  void httpsEndpoint_withoutCaBundle_failsSayingTheCertificateIsNotTrusted() throws Exception {
    start(tls(), sim -> env(sim, "https", "HTTPS_PROXY", proxy.url()));

    String error = awaitError();

    assertThat(error).containsIgnoringCase("certificat");
    assertThat(running.currentCredentialsOrNull(DEV)).isNull();
  }

  @Test
  void plainHttpEndpoint_missingCaBundle_isNotRead_likeBotocore() throws Exception {
    Path missing = home.resolve("no-such-bundle.pem");
    start(
        null,
        sim ->
            with(
                env(sim, "http", "HTTP_PROXY", proxy.url()),
                Map.of("AWS_CA_BUNDLE", missing.toString())));

    awaitSession();

    assertThat(stsNetwork()).contains("CA bundle " + missing + " (AWS_CA_BUNDLE)");
  }

  @Test
  void missingCaBundle_failsThatProfileNamingTheFile() throws Exception {
    Path missing = home.resolve("no-such-bundle.pem");
    start(tls(), sim -> env(sim, "https", "HTTPS_PROXY", proxy.url()), "ca_bundle = " + missing);

    String error = awaitError();

    assertThat(error).contains(missing.toString()).contains("does not exist");
    assertThat(proxy.seen()).isEmpty();
  }
}

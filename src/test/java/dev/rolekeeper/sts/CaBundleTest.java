package dev.rolekeeper.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading PEM bundles, and the errors that name a bundle that cannot be used. */
class CaBundleTest {

  @TempDir Path dir;

  @Test
  void bundle_withSeveralCertificatesAndText_readsEveryCertificate() throws Exception {
    String ca = Files.readString(TestCa.get().caPem());
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(bundle, "# corporate CAs\n" + ca + "\nsome text\n" + ca);

    assertThat(CaBundle.read(bundle)).hasSize(2);
    assertThat(CaBundle.withBundle(bundle)).isNotNull();
  }

  @Test
  void missingFile_isAnErrorNamingIt() {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> CaBundle.read(missing))
        .isInstanceOf(NetworkSetupException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void fileWithoutCertificates_isAnErrorNamingIt() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    assertThatThrownBy(() -> CaBundle.read(empty))
        .isInstanceOf(NetworkSetupException.class)
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("no PEM certificate");
  }

  @Test
  void corruptCertificate_isAnErrorNamingTheFile() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> CaBundle.read(bad))
        .isInstanceOf(NetworkSetupException.class)
        .hasMessageContaining(bad.toString());
  }

  @Test
  void bundleOrder_isBotocores_environmentThenProfileThenRequestsCaBundle() {
    Map<String, String> both =
        Map.of("AWS_CA_BUNDLE", "/env.pem", "REQUESTS_CA_BUNDLE", "/req.pem");
    AwsNetwork requestsOnly = AwsNetwork.from(Map.of("REQUESTS_CA_BUNDLE", "/req.pem"));

    assertThat(AwsNetwork.from(both).caBundle("/profile.pem")).isEqualTo(Path.of("/env.pem"));
    assertThat(AwsNetwork.from(both).describeCaBundle(null)).isEqualTo("/env.pem (AWS_CA_BUNDLE)");
    assertThat(requestsOnly.caBundle("/profile.pem")).isEqualTo(Path.of("/profile.pem"));
    assertThat(requestsOnly.describeCaBundle("/profile.pem")).endsWith("(ca_bundle)");
    assertThat(requestsOnly.caBundle(null)).isEqualTo(Path.of("/req.pem"));
    assertThat(requestsOnly.describeCaBundle(null)).isEqualTo("/req.pem (REQUESTS_CA_BUNDLE)");
    assertThat(AwsNetwork.from(Map.of()).caBundle(null)).isNull();
  }
}

package dev.rolekeeper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} says which proxy and CA bundle the STS calls use, and what cannot be used. */
class StsNetworkCheckTest {

  private static final URI AWS = URI.create("https://sts.amazonaws.com/");

  @TempDir Path temp;

  private CheckResult run(String... pairs) throws Exception {
    Path home = Contexts.home(temp);
    return new StsNetworkCheck().run(Contexts.of(home, Contexts.env(home, pairs), 0, AWS));
  }

  @Test
  void httpsProxyWithCredentials_isNamedWithThePasswordHidden() throws Exception {
    CheckResult result =
        run("HTTP_PROXY", "http://wrong:1", "HTTPS_PROXY", "http://bob:hunter2@proxy.corp:3128");

    assertThat(result).isInstanceOf(CheckResult.Passed.class);
    assertThat(result.summary())
        .contains("proxy http://bob:***@proxy.corp:3128 (HTTPS_PROXY)")
        .contains("CA bundle none")
        .doesNotContain("hunter2");
  }

  @Test
  void noProxyCoveringSts_saysDirect() throws Exception {
    assertThat(run("HTTPS_PROXY", "http://p:1", "NO_PROXY", ".amazonaws.com").summary())
        .contains("direct: NO_PROXY covers sts.amazonaws.com");
  }

  @Test
  void missingCaBundle_needsAFixNamingTheFile() throws Exception {
    Path missing = temp.resolve("corp-ca.pem");

    CheckResult result = run("AWS_CA_BUNDLE", missing.toString());

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).contains(missing.toString()).contains("does not exist");
  }

  @Test
  void unusableProxyVariable_needsAFixWithoutItsValue() throws Exception {
    CheckResult result = run("https_proxy", "http://u:hunter2@proxy:notaport");

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).contains("https_proxy").doesNotContain("hunter2");
  }
}

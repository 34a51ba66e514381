package dev.rolekeeper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential-chain and proxy checks, each problem made on purpose. */
class EnvironmentChecksTest {

  @TempDir Path temp;

  @Test
  void credentialChain_cleanEnvironment_passes() throws Exception {
    Path home = Contexts.home(temp);

    assertThat(new CredentialChainCheck().run(Contexts.of(home, Contexts.env(home))))
        .isInstanceOf(CheckResult.Passed.class);
  }

  @Test
  void credentialChain_awsProfileSet_needsUnsetting() throws Exception {
    Path home = Contexts.home(temp);

    CheckResult result =
        new CredentialChainCheck().run(Contexts.of(home, Contexts.env(home, "AWS_PROFILE", "dev")));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).startsWith("AWS_PROFILE is set");
    assertThat(((CheckResult.NeedsFix) result).fix()).isEqualTo("unset it");
  }

  @Test
  void credentialChain_defaultProfileWithKeys_needsMoving_andNoKeyIsPrinted() throws Exception {
    Path home = Contexts.home(temp);
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        home.resolve(".aws/credentials"),
        "[default]\naws_access_key_id = AKIAEXAMPLEKEY000001\naws_secret_access_key = s3cr3tValueNeverShown\n");

    CheckResult result = new CredentialChainCheck().run(Contexts.of(home, Contexts.env(home)));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary())
        .contains("[default]")
        .doesNotContain("s3cr3t")
        .doesNotContain("AKIAEXAMPLE");
    assertThat(((CheckResult.NeedsFix) result).fix()).contains("named profile");
  }

  @Test
  void credentialChain_defaultProfileWithLoginSession_needsMoving() throws Exception {
    // SDKs since late 2025 sign in with [default]'s login_session before they reach the endpoint.
    Path home = Contexts.home(temp);
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        home.resolve(".aws/config"),
        "[default]\nlogin_session = arn:aws:iam::111122223333:user/me\nregion = eu-west-1\n");

    CheckResult result = new CredentialChainCheck().run(Contexts.of(home, Contexts.env(home)));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).contains("[default]").contains("login_session");
  }

  @Test
  void credentialChain_secretKeyInEnvironment_reportedWithoutItsValue() throws Exception {
    Path home = Contexts.home(temp);

    CheckResult result =
        new CredentialChainCheck()
            .run(
                Contexts.of(
                    home, Contexts.env(home, "AWS_SECRET_ACCESS_KEY", "s3cr3tValueNeverShown")));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).contains("AWS_SECRET_ACCESS_KEY").doesNotContain("s3cr3t");
  }

  @Test
  void proxy_noneSet_passes() throws Exception {
    Path home = Contexts.home(temp);

    assertThat(new ProxyCheck().run(Contexts.of(home, Contexts.env(home))))
        .isInstanceOf(CheckResult.Passed.class);
  }

  @Test
  void proxy_httpsProxyWithoutNoProxy_needsNoProxy() throws Exception {
    Path home = Contexts.home(temp);

    CheckResult result =
        new ProxyCheck()
            .run(Contexts.of(home, Contexts.env(home, "HTTPS_PROXY", "http://proxy.example:3128")));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(((CheckResult.NeedsFix) result).fix())
        .startsWith("export NO_PROXY=127.0.0.1,localhost");
  }

  @Test
  void proxy_noProxyNamingOnlyLocalhost_stillNeedsTheAddress() throws Exception {
    Path home = Contexts.home(temp);

    assertThat(
            new ProxyCheck()
                .run(
                    Contexts.of(
                        home,
                        Contexts.env(
                            home, "http_proxy", "http://p:3128", "no_proxy", "localhost,.corp"))))
        .isInstanceOf(CheckResult.NeedsFix.class);
  }

  @Test
  void proxy_noProxyCoversLoopback_passes() throws Exception {
    Path home = Contexts.home(temp);

    assertThat(
            new ProxyCheck()
                .run(
                    Contexts.of(
                        home,
                        Contexts.env(
                            home,
                            "HTTP_PROXY",
                            "http://p:3128",
                            "NO_PROXY",
                            "example.com, 127.0.0.0/8"))))
        .isInstanceOf(CheckResult.Passed.class);
    assertThat(ProxyCheck.coversLoopback("127.0.0.1")).isTrue();
    assertThat(ProxyCheck.coversLoopback("*")).isTrue();
    assertThat(ProxyCheck.coversLoopback("10.0.0.0/8,localhost")).isFalse();
  }
}

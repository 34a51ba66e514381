package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code rolekeeper demo} keeps its state without {@code --state-dir}, and what it says when
 * it cannot write there.
 */
class DemoSetUpTest {

  @TempDir Path dir;

  @Test
  void proxyVariables_areLeftOut_theDemosStsIsOnLoopbackInThisProcess() throws Exception {
    dev.rolekeeper.sandbox.StsSimulator simulator =
        new dev.rolekeeper.sandbox.StsSimulator(
            dev.rolekeeper.sandbox.DemoAccount.create().config());
    Map<String, String> env =
        new DemoSetUp(0, null, false, false, false, null)
            .environment(
                Map.of(
                    "HTTPS_PROXY", "http://corp:3128",
                    "http_proxy", "http://corp:3128",
                    "NO_PROXY", "example.com",
                    "PATH", "/usr/bin"),
                dir,
                dir,
                List.of("demo-dev"),
                simulator,
                "us-east-1");

    assertThat(env)
        .doesNotContainKeys("HTTPS_PROXY", "http_proxy")
        .containsEntry("PATH", "/usr/bin")
        .containsEntry("NO_PROXY", "example.com");
  }

  @Test
  void login_theDaemonsLoginCacheIsInTheDemosFiles_evenWhenTheShellNamesAnother() {
    dev.rolekeeper.sandbox.StsSimulator simulator =
        new dev.rolekeeper.sandbox.StsSimulator(
            dev.rolekeeper.sandbox.DemoAccount.create().config());
    Path files = dir.resolve("demo");
    Map<String, String> env =
        new DemoSetUp(0, null, false, false, true, null)
            .environment(
                Map.of(
                    "HOME", "/home/someone",
                    "AWS_LOGIN_CACHE_DIRECTORY", "/home/someone/.aws/login/cache"),
                dir,
                files,
                List.of("demo-login"),
                simulator,
                "us-east-1");

    assertThat(dev.rolekeeper.paths.UserPaths.of(env).loginCache())
        .isEqualTo(files.resolve(".aws/login/cache"));
    assertThat(env).containsEntry("AWS_ENDPOINT_URL_SIGNIN", simulator.endpoint().toString());
  }

  @Test
  void filesWithoutMfa_holdOnlyTheServedProfiles_withMfaAlsoAdminAndBobsKeys() throws Exception {
    dev.rolekeeper.sandbox.DemoAccount account = dev.rolekeeper.sandbox.DemoAccount.create();
    dev.rolekeeper.sandbox.StsSimulator simulator =
        new dev.rolekeeper.sandbox.StsSimulator(account.config());
    Path plain = dir.resolve("plain");
    Path withMfa = dir.resolve("mfa");

    new DemoSetUp(0, null, false, false, false, null)
        .writeFiles(plain, account, simulator, "us-east-1");
    new DemoSetUp(0, null, true, false, false, null)
        .writeFiles(withMfa, account, simulator, "us-east-1");

    assertThat(Files.readString(plain.resolve("aws/config")))
        .contains("[profile demo-dev]", "[profile demo-readonly]")
        .doesNotContain("demo-admin", "demo-bob");
    assertThat(Files.readString(plain.resolve("aws/credentials")))
        .contains("[demo-alice]")
        .doesNotContain("demo-bob");
    assertThat(Files.readString(withMfa.resolve("aws/config")))
        .contains("[profile demo-dev]", "[profile demo-readonly]", "[profile demo-admin]")
        .contains("mfa_serial = " + dev.rolekeeper.sandbox.DemoAccount.MFA_DEVICE);
    assertThat(Files.readString(withMfa.resolve("aws/credentials")))
        .contains("[demo-alice]", "[demo-bob]");
  }

  @Test
  void stateDirCannotBeMade_oneClearLineAndExit1_noStackTrace() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    StringWriter err = new StringWriter();

    int exit =
        CommandTree.whole()
            .setErr(new PrintWriter(err))
            .execute("demo", "--port", "0", "--state-dir", file.resolve("demo").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("rolekeeper demo: cannot write its files (")
        .contains(file.toString())
        .contains("--state-dir DIR")
        .doesNotContain("\tat ");
  }
}

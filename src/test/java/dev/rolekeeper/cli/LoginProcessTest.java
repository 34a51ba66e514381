package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.daemon.Daemon;
import dev.rolekeeper.http.HttpFront;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.SsoApprovalPage;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rolekeeper login} as a person runs it in a terminal: a separate process that prints the
 * link and code and waits; the link is approved in the simulator's page, and the daemon then serves
 * the SSO profile.
 */
@ExtendWith(VertxExtension.class)
class LoginProcessTest {

  private static final Pattern LINK =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/sso/device\\?user_code=[A-Z-]+)");

  @TempDir Path home;

  private StsSimulator simulator;
  private Daemon daemon;
  private Path stateDir;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    DemoAccount account = DemoAccount.create();
    account.writeAwsFiles(home.resolve(".aws"), "eu-west-1", true);
    account.appendSsoProfiles(home.resolve(".aws"), "eu-west-1");
    simulator = new StsSimulator(account.config());
    await(simulator.start(vertx, 0));
    account.assignSso(simulator);
    stateDir = home.resolve("state");
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    env.put("ROLEKEEPER_STATEDIR", stateDir.toString());
    env.put("ROLEKEEPER_LISTEN_PORT", "0");
    env.put("ROLEKEEPER_LISTEN_IMDSPORT", "0");
    env.put("ROLEKEEPER_PROFILES", DemoAccount.SSO_PROFILE);
    env.put("ROLEKEEPER_REGION", "eu-west-1");
    env.put("ROLEKEEPER_STS_ENDPOINT", simulator.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SSO", simulator.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SSO_OIDC", simulator.endpoint().toString());
    Path settings = Files.writeString(home.resolve("settings.yaml"), "# from the environment\n");
    daemon =
        await(
            Daemon.start(
                vertx,
                await(SettingsLoader.loadOnce(vertx, Optional.of(settings), env)),
                env,
                new HttpFront(vertx)));
  }

  @AfterEach
  void stop() throws Exception {
    await(daemon.stop());
    await(simulator.stop());
  }

  @Test
  void login_inATerminal_printsLinkAndCodeWaitsForApprovalThenTheProfileIsServed(Vertx vertx)
      throws Exception {
    Map<String, String> env = Map.of("HOME", home.toString(), "PATH", System.getenv("PATH"));
    try (DaemonChild login =
        DaemonChild.start(
            env, "login", DemoAccount.SSO_SESSION, "--state-dir", stateDir.toString())) {
      await(
          Eventually.until(
              vertx, () -> LINK.matcher(login.output()).find(), Duration.ofSeconds(30)));
      Matcher link = LINK.matcher(login.output());
      assertThat(link.find()).isTrue();
      String code = link.group(1).replaceAll(".*=", "");
      assertThat(login.output()).contains("SSO session demo").contains("shows the code " + code);
      assertThat(login.isAlive()).as("waits for the approval").isTrue();

      SsoApprovalPage.approve(link.group(1));

      assertThat(login.waitForExit(30)).isZero();
      assertThat(login.output()).contains("Signed in to SSO session demo").contains("demo-sso");
    }
    await(
        Eventually.until(
            vertx,
            () -> daemon.sessions().lookup(DemoAccount.SSO_PROFILE) instanceof Lookup.Available,
            Duration.ofSeconds(15)));
    assertThat(simulator.calls("StartDeviceAuthorization")).isEqualTo(1);

    java.io.StringWriter out = new java.io.StringWriter();
    int exit =
        new picocli.CommandLine(new StatusCommand())
            .setOut(new java.io.PrintWriter(out))
            .execute("--state-dir", stateDir.toString());
    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "IAM Identity Center sign-ins:",
            "demo  [SignedIn]",
            "start URL:     " + DemoAccount.SSO_START_URL,
            "token expires:",
            "next sign-in:  not foreseen (the token is refreshed without one)");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}

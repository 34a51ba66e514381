package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.daemon.Daemon;
import dev.rolekeeper.http.HttpFront;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI commands that talk to a daemon, run in-process against a real one. */
@ExtendWith(VertxExtension.class)
class DaemonCommandsTest {

  @TempDir Path home;

  private StsSimulator simulator;
  private Daemon daemon;
  private Path stateDir;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    DemoAccount account = DemoAccount.create();
    // The dev profile's region differs from the daemon's (settings) region: env exports the
    // profile's.
    account.writeAwsFiles(home.resolve(".aws"), "ap-southeast-2", true);
    simulator = new StsSimulator(account.config());
    await(simulator.start(vertx, 0));
    stateDir = home.resolve("state");
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    env.put("ROLEKEEPER_STATEDIR", stateDir.toString());
    env.put("ROLEKEEPER_LISTEN_PORT", "0");
    env.put("ROLEKEEPER_LISTEN_IMDSPORT", "0");
    env.put("ROLEKEEPER_PROFILES", DemoAccount.DEV_PROFILE + "," + DemoAccount.READONLY_PROFILE);
    env.put("ROLEKEEPER_REGION", "eu-west-1");
    env.put("ROLEKEEPER_STS_ENDPOINT", simulator.endpoint().toString());
    Path settings = Files.writeString(home.resolve("settings.yaml"), "# from the environment\n");
    daemon =
        await(
            Daemon.start(
                vertx,
                await(SettingsLoader.loadOnce(vertx, Optional.of(settings), env)),
                env,
                new HttpFront(vertx)));
    await(daemon.sessions().lookupSoon(DemoAccount.DEV_PROFILE));
  }

  @AfterEach
  void stop() throws Exception {
    await(daemon.stop());
    await(simulator.stop());
  }

  private record Run(int exit, String out, String err) {}

  private Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line =
        new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int exit = line.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void status_runningDaemon_showsEachProfilePlanStateAndExpiryWithoutSecrets() throws Exception {
    Run run = run(new StatusCommand(), "--state-dir", stateDir.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("rolekeeper is running: pid " + ProcessHandle.current().pid())
        .contains("IMDS is off (imds.enabled: false): no IMDS port is open")
        .contains("demo-dev  [Fresh]")
        .contains("demo-readonly")
        .contains("role chaining")
        .contains(
            "sts:"
                + " ".repeat(11)
                + simulator.endpoint()
                + " (settings sts.endpoint), region ap-southeast-2 (profile demo-dev)")
        .contains("region eu-west-1 (settings region)")
        .contains("expires:")
        .contains("next refresh:")
        .contains("Not served:")
        .contains(DemoAccount.MFA_PROFILE + ": not named under `profiles:` in the settings")
        .containsPattern("STS calls: +proxy none \\(direct\\), CA bundle none \\(the JDK's CAs\\)");
    String secret =
        daemon.sessions().lookup(DemoAccount.DEV_PROFILE)
                instanceof dev.rolekeeper.session.SessionDirectory.Lookup.Available a
            ? a.credentials().secretAccessKey()
            : "none";
    assertThat(run.out()).doesNotContain(secret).doesNotContain(daemon.tokens().controlToken());
  }

  @Test
  void status_noDaemon_saysSoAndHowToStartIt() {
    Run run = run(new StatusCommand(), "--state-dir", home.resolve("elsewhere").toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("rolekeeper is not running").contains("rolekeeper run");
  }

  @Test
  void env_bash_printsContainerExportsWithAProfileScopedToken() throws Exception {
    Run run =
        run(
            new EnvCommand(Map.of()),
            "--state-dir",
            stateDir.toString(),
            DemoAccount.READONLY_PROFILE);

    assertThat(run.exit()).isZero();
    String token =
        daemon.tokens().clientToken(java.util.List.of(DemoAccount.READONLY_PROFILE)).token();
    assertThat(run.out())
        .isEqualTo(
            String.join(
                "\n",
                "export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:"
                    + daemon.port()
                    + "/v1/credentials/demo-readonly",
                "export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="
                    + stateDir.resolve("tokens/demo-readonly.token"),
                "export AWS_CONTAINER_AUTHORIZATION_TOKEN=" + token,
                "export AWS_REGION=eu-west-1",
                "export AWS_DEFAULT_REGION=eu-west-1",
                ""));
    assertThat(Files.readString(stateDir.resolve("tokens/demo-readonly.token"))).isEqualTo(token);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void env_fishAndPowershell_useTheirOwnSyntax() {
    Run fish =
        run(
            new EnvCommand(Map.of()),
            "--state-dir",
            stateDir.toString(),
            "--shell",
            "fish",
            DemoAccount.DEV_PROFILE);
    Run powershell =
        run(
            new EnvCommand(Map.of()),
            "--state-dir",
            stateDir.toString(),
            "--shell",
            "powershell",
            DemoAccount.DEV_PROFILE);

    assertThat(fish.out()).contains("set -gx AWS_REGION 'ap-southeast-2';");
    assertThat(powershell.out()).contains("$env:AWS_REGION = 'ap-southeast-2'");
  }

  @Test
  void env_environmentThatWinsOverTheContainerProvider_warnsOnStderr() throws Exception {
    Files.writeString(
        home.resolve(".aws/credentials"),
        "\n[default]\naws_access_key_id = AKIAEXAMPLE\n" + "aws_secret_access_key = secret\n",
        java.nio.file.StandardOpenOption.APPEND);
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID",
            "AKIAX",
            "AWS_PROFILE",
            "other",
            "AWS_SHARED_CREDENTIALS_FILE",
            home.resolve(".aws/credentials").toString(),
            "AWS_CONFIG_FILE",
            home.resolve(".aws/config").toString());

    Run run = run(new EnvCommand(env), "--state-dir", stateDir.toString(), DemoAccount.DEV_PROFILE);

    assertThat(run.exit()).isZero();
    assertThat(run.err())
        .contains("AWS_ACCESS_KEY_ID is set")
        .contains("AWS_PROFILE is set")
        .contains("[default] profile")
        .doesNotContain("secret");
  }

  @Test
  void env_unknownProfile_failsClearly() {
    Run run = run(new EnvCommand(Map.of()), "--state-dir", stateDir.toString(), "nope");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("nope").contains("not served");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void credentialProcess_printsVersion1JsonOfTheServedSession() {
    Run run =
        run(
            new CredentialProcessCommand(),
            "--state-dir",
            stateDir.toString(),
            DemoAccount.DEV_PROFILE);

    assertThat(run.exit()).isZero();
    JsonObject json = new JsonObject(run.out().strip());
    assertThat(json.getInteger("Version")).isEqualTo(1);
    assertThat(json.getString("AccessKeyId")).startsWith("ASIA");
    assertThat(json.getString("SessionToken")).isNotBlank();
    assertThat(Instant.parse(json.getString("Expiration"))).isAfter(Instant.now());
  }

  @Test
  void credentialProcess_readWithoutPicocli_printsWhatPicocliPrints() {
    String[] args = {"credential-process", "--state-dir=" + stateDir, DemoAccount.DEV_PROFILE};
    PlainCommand quick = QuickCommandLine.parse(args).orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    quick.printTo(new PrintWriter(out), new PrintWriter(err));

    int exit = quick.call();

    Run picocli = run(new CredentialProcessCommand(), Arrays.copyOfRange(args, 1, args.length));
    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(new JsonObject(out.toString().strip()))
        .isEqualTo(new JsonObject(picocli.out().strip()));
  }

  @Test
  void refresh_servedProfile_getsNewKeysNow() {
    String before =
        new JsonObject(
                run(
                        new CredentialProcessCommand(),
                        "--state-dir",
                        stateDir.toString(),
                        DemoAccount.DEV_PROFILE)
                    .out()
                    .strip())
            .getString("AccessKeyId");

    Run run =
        run(new RefreshCommand(), "--state-dir", stateDir.toString(), DemoAccount.DEV_PROFILE);

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("demo-dev: new session, expires ");
    String after =
        new JsonObject(
                run(
                        new CredentialProcessCommand(),
                        "--state-dir",
                        stateDir.toString(),
                        DemoAccount.DEV_PROFILE)
                    .out()
                    .strip())
            .getString("AccessKeyId");
    assertThat(after).isNotEqualTo(before);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

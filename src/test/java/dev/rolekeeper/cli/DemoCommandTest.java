package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.sandbox.CallerIdentity;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.Totp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code rolekeeper demo --mfa} and {@code demo --sync FILE}, run as a person would: a separate
 * process.
 */
@ExtendWith(VertxExtension.class)
class DemoCommandTest {

  private static final String ACCOUNT = DemoAccount.ACCOUNT;
  private static final long WAIT_MILLIS = 30_000;

  @TempDir Path dir;

  private Vertx vertx;
  private HttpClient http;
  private DemoProcess demo;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    http = vertx.createHttpClient();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (demo != null) {
      demo.close();
    }
    http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** A container endpoint and the token that reads it, as a shell's exports give them. */
  private record Endpoint(String uri, String token) {
    static Endpoint of(java.util.Map<String, String> exports) {
      return new Endpoint(
          exports.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
          exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    }
  }

  private Future<Answer> containerGet(Endpoint endpoint) {
    URI uri = URI.create(endpoint.uri());
    return http.request(HttpMethod.GET, uri.getPort(), uri.getHost(), uri.getPath())
        .compose(request -> request.putHeader("Authorization", endpoint.token()).send())
        .compose(
            response -> response.body().map(b -> new Answer(response.statusCode(), b.toString())));
  }

  /**
   * Asks the demo's exported container endpoint (on Vert.x timers) until an answer satisfies {@code
   * wanted}.
   */
  private Answer containerUntil(Predicate<Answer> wanted) throws Exception {
    return containerUntil(Endpoint.of(demo.exports()), wanted);
  }

  private Answer containerUntil(Endpoint endpoint, Predicate<Answer> wanted) throws Exception {
    Promise<Answer> done = Promise.promise();
    // Polled on a Vert.x context: from the JUnit thread a response can complete before its body
    // handler is set.
    vertx
        .getOrCreateContext()
        .runOnContext(v -> poll(endpoint, wanted, System.currentTimeMillis() + WAIT_MILLIS, done));
    return done.future()
        .toCompletionStage()
        .toCompletableFuture()
        .get(WAIT_MILLIS + 5000, TimeUnit.MILLISECONDS);
  }

  private void poll(
      Endpoint endpoint, Predicate<Answer> wanted, long deadline, Promise<Answer> done) {
    containerGet(endpoint)
        .onComplete(
            result -> {
              if (result.succeeded() && wanted.test(result.result())) {
                done.complete(result.result());
              } else if (System.currentTimeMillis() > deadline) {
                done.fail(
                    new AssertionError(
                        "the demo's endpoint never gave the awaited answer; last: "
                            + (result.succeeded() ? result.result() : result.cause())));
              } else {
                vertx.setTimer(100, id -> poll(endpoint, wanted, deadline, done));
              }
            });
  }

  private String callerArn(AwsCredentialsProvider provider) {
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(URI.create(demo.export("AWS_ENDPOINT_URL_STS")))
            .region(Region.of(demo.export("AWS_REGION")))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(provider)
            .build()) {
      return sts.getCallerIdentity().arn();
    }
  }

  @Test
  void demoMfa_exportsTheMfaProfile_503UntilACodeFromThePrintedSecretIsGiven() throws Exception {
    demo =
        DemoProcess.start(
            dir,
            "ROLEKEEPER_DEMO_MFA_SECRET",
            "--mfa",
            "--port",
            "0",
            "--state-dir",
            dir.toString());

    assertThat(demo.export("ROLEKEEPER_DEMO_MFA_PROFILE")).isEqualTo(DemoAccount.MFA_PROFILE);
    assertThat(demo.export("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        .endsWith("/v1/credentials/" + DemoAccount.MFA_PROFILE);
    String secret = demo.export("ROLEKEEPER_DEMO_MFA_SECRET");
    assertThat(secret).matches("[A-Z2-7]{32}");

    Answer waiting =
        containerUntil(a -> a.status() == 503 && !"Pending".equals(a.json().getString("code")));
    assertThat(waiting.json().getString("code")).isEqualTo("MfaRequired");
    assertThat(waiting.json().getString("message")).contains(DemoAccount.MFA_DEVICE);
    // The instructions send the user to the log line with the MFA page's link: it must be there.
    Pattern pageLine =
        Pattern.compile(
            "MFA code needed for "
                + Pattern.quote(DemoAccount.MFA_DEVICE)
                + " .*or open http://127\\.0\\.0\\.1:\\d+/mfa/\\S+");
    dev.rolekeeper.Polling.until(
        vertx, () -> pageLine.matcher(demo.stderr()).find(), Duration.ofSeconds(10));
    assertThat(demo.stderr())
        .contains("the MFA page whose link the \"MFA code needed\" log line gives");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String code = Totp.generate(secret, Instant.now());
    int exit =
        CommandTree.whole()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("mfa", "--state-dir", dir.toString(), code);
    assertThat(exit).as("rolekeeper mfa: %s", err).isZero();
    assertThat(out.toString()).contains(DemoAccount.MFA_DEVICE).doesNotContain(code);

    JsonObject keys = containerUntil(a -> a.status() == 200).json();
    assertThat(keys.getString("AccountId")).isEqualTo(ACCOUNT);
    assertThat(callerArn(CallerIdentity.containerKeys(keys)))
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/admin/rolekeeper-demo-admin");
    assertThat(demo.stop()).as("the demo stops on SIGTERM").isTrue();
  }

  @Test
  void demoSso_exportsTheSsoProfile_503SsoLoginRequiredUntilThePrintedLinkIsApproved()
      throws Exception {
    demo =
        DemoProcess.start(
            dir, "ROLEKEEPER_DEMO_SSO_LINK", "--sso", "--port", "0", "--state-dir", dir.toString());

    assertThat(demo.export("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        .endsWith("/v1/credentials/" + DemoAccount.SSO_PROFILE);
    String link = demo.export("ROLEKEEPER_DEMO_SSO_LINK");
    assertThat(link)
        .matches("http://127\\.0\\.0\\.1:\\d+/sso/device\\?user_code=[A-Z]{4}-[A-Z]{4}");
    assertThat(dev.rolekeeper.os.LockProbe.probe(dir.resolve("rolekeeper.lock")))
        .as("starting the sign-in left the daemon's instance lock held")
        .isEqualTo(dev.rolekeeper.os.LockProbe.State.HELD);
    Answer waiting =
        containerUntil(a -> a.status() == 503 && !"Pending".equals(a.json().getString("code")));
    assertThat(waiting.json().getString("code")).isEqualTo("SsoLoginRequired");

    dev.rolekeeper.sandbox.SsoApprovalPage.approve(link);

    Answer served = containerUntil(a -> a.status() == 200);
    assertThat(served.json().getString("AccountId")).isEqualTo(ACCOUNT);
    assertThat(
            dir.resolve(
                "demo/.aws/sso/cache/"
                    + new dev.rolekeeper.profiles.SsoSettings(
                            DemoAccount.SSO_SESSION,
                            DemoAccount.SSO_START_URL,
                            "us-east-1",
                            java.util.List.of(),
                            ACCOUNT,
                            DemoAccount.SSO_ROLE)
                        .cacheFileName()))
        .exists();
  }

  @Test
  void demoLogin_503LoginRequiredUntilThePrintedLinkIsApproved_thenTheChainedRoleIsAnAssumedRole()
      throws Exception {
    demo =
        DemoProcess.start(
            dir,
            "ROLEKEEPER_DEMO_LOGIN_LINK",
            "--login",
            "--port",
            "0",
            "--state-dir",
            dir.toString());

    assertThat(demo.export("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        .endsWith("/v1/credentials/" + DemoAccount.LOGIN_PROFILE);
    String link = demo.export("ROLEKEEPER_DEMO_LOGIN_LINK");
    assertThat(link).startsWith(demo.export("AWS_ENDPOINT_URL_STS") + "/v1/authorize?");
    Endpoint ops = endpointFor(DemoAccount.LOGIN_CHAINED_PROFILE);
    for (Endpoint endpoint : java.util.List.of(Endpoint.of(demo.exports()), ops)) {
      Answer waiting =
          containerUntil(
              endpoint, a -> a.status() == 503 && !"Pending".equals(a.json().getString("code")));
      assertThat(waiting.json().getString("code")).as(endpoint.uri()).isEqualTo("LoginRequired");
    }
    assertThat(status())
        .contains(
            "Console sign-ins (aws login):",
            CONSOLE_USER + "  [SigningIn]",
            "profiles:      " + DemoAccount.LOGIN_PROFILE,
            "sign in with:  rolekeeper login " + DemoAccount.LOGIN_PROFILE);
    // Printed right after the exports, long before the status command above ran.
    assertThat(java.nio.file.Files.readString(dir.resolve("demo.stderr")))
        .as("the exported profile answers only after the sign-in")
        .contains("In another shell, once you have signed in (below):");

    dev.rolekeeper.sandbox.SigninApprovalPage.approve(link);

    assertThat(callerArn(keys(containerUntil(a -> a.status() == 200)))).isEqualTo(CONSOLE_USER);
    AwsCredentialsProvider role = keys(containerUntil(ops, a -> a.status() == 200));
    assertThat(callerArn(role)).startsWith("arn:aws:sts::" + ACCOUNT + ":assumed-role/ops/");
    assertThat(status())
        .contains(
            CONSOLE_USER + "  [SignedIn]",
            "expires:",
            "(estimated)",
            "next sign-in:",
            "sign in with:  rolekeeper login " + DemoAccount.LOGIN_PROFILE)
        .doesNotContain(role.resolveCredentials().secretAccessKey());
    assertThat(
            new dev.rolekeeper.signin.LoginCache(DemoSetUp.loginCache(dir.resolve("demo")))
                .fileFor(CONSOLE_USER))
        .as("the session is kept in the demo's own login cache")
        .exists();
  }

  @Test
  void demoLoginAndSso_exportTheConsoleProfileAndBothLinks_eachSignInServesItsProfiles()
      throws Exception {
    demo =
        DemoProcess.start(
            dir,
            "ROLEKEEPER_DEMO_LOGIN_LINK",
            "--sso",
            "--login",
            "--port",
            "0",
            "--state-dir",
            dir.toString());
    assertThat(demo.export("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        .endsWith("/v1/credentials/" + DemoAccount.LOGIN_PROFILE);

    dev.rolekeeper.sandbox.SsoApprovalPage.approve(demo.export("ROLEKEEPER_DEMO_SSO_LINK"));
    dev.rolekeeper.sandbox.SigninApprovalPage.approve(demo.export("ROLEKEEPER_DEMO_LOGIN_LINK"));

    assertThat(callerArn(keys(containerUntil(a -> a.status() == 200)))).isEqualTo(CONSOLE_USER);
    Endpoint ssoOps = endpointFor(DemoAccount.SSO_CHAINED_PROFILE);
    assertThat(callerArn(keys(containerUntil(ssoOps, a -> a.status() == 200))))
        .startsWith("arn:aws:sts::" + ACCOUNT + ":assumed-role/ops/");
    assertThat(status())
        .contains(
            "Console sign-ins (aws login):",
            CONSOLE_USER + "  [SignedIn]",
            "IAM Identity Center sign-ins:",
            DemoAccount.SSO_SESSION + "  [SignedIn]");
  }

  private static final String CONSOLE_USER = "arn:aws:iam::" + ACCOUNT + ":user/alice";

  private static AwsCredentialsProvider keys(Answer served) {
    return CallerIdentity.containerKeys(served.json());
  }

  /** What {@code rolekeeper env PROFILE} exports for the demo: a token that reads that profile. */
  private Endpoint endpointFor(String profile) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new picocli.CommandLine(new EnvCommand(java.util.Map.of()))
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("--state-dir", dir.toString(), profile);
    assertThat(exit).as("env: %s", err).isZero();
    return Endpoint.of(DemoProcess.exportsIn(out.toString()));
  }

  /** {@code rolekeeper status} of the demo, in this JVM. */
  private String status() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new picocli.CommandLine(new StatusCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("--state-dir", dir.toString());
    assertThat(exit).as("status: %s", err).isZero();
    return out.toString();
  }

  @Test
  void demoMfa_shellWithTheDemoExports_cliReachesTheDemoWithoutStateDirFlag() throws Exception {
    demo =
        DemoProcess.start(
            dir,
            "ROLEKEEPER_DEMO_MFA_SECRET",
            "--mfa",
            "--port",
            "0",
            "--state-dir",
            dir.toString());
    assertThat(Path.of(demo.export("ROLEKEEPER_STATEDIR"))).isEqualTo(dir.toRealPath());
    assertThat(dir.resolve("daemon.json"))
        .as("--state-dir DIR is the daemon's state directory")
        .exists();
    containerUntil(a -> a.status() == 503 && !"Pending".equals(a.json().getString("code")));

    CliRun status = cli("status");
    assertThat(status.exit()).as("status: %s", status.output()).isZero();
    assertThat(status.output()).contains("demo-admin  [MfaRequired]", DemoAccount.MFA_DEVICE);

    String code = Totp.generate(demo.export("ROLEKEEPER_DEMO_MFA_SECRET"), Instant.now());
    CliRun mfa = cli("mfa", code);
    assertThat(mfa.exit()).as("mfa: %s", mfa.output()).isZero();
    assertThat(mfa.output()).contains(DemoAccount.MFA_DEVICE).doesNotContain(code);
    containerUntil(a -> a.status() == 200);

    CliRun env = cli("env", DemoAccount.MFA_PROFILE);
    assertThat(env.exit()).as("env: %s", env.output()).isZero();
    assertThat(env.output())
        .contains(
            "export AWS_CONTAINER_CREDENTIALS_FULL_URI="
                + demo.export("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
  }

  private record CliRun(int exit, String output) {}

  /**
   * {@code rolekeeper ARGS} in a shell that sourced the demo's exports (and has no other rolekeeper
   * settings).
   */
  private CliRun cli(String... args) throws Exception {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("AWS_") || name.startsWith("ROLEKEEPER_"));
    builder.environment().put("HOME", dir.resolve("home").toString());
    builder.environment().put("XDG_CONFIG_HOME", dir.resolve("home/.config").toString());
    builder.environment().put("XDG_STATE_HOME", dir.resolve("home/.local/state").toString());
    builder.environment().putAll(demo.exports());
    Process process = builder.start();
    String output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new CliRun(process.exitValue(), output);
  }

  @Test
  void demoSync_keepsTheFirstProfileInTheSectionTheSdkReads() throws Exception {
    Path file = dir.resolve("credentials");
    demo =
        DemoProcess.start(
            dir,
            "AWS_DEFAULT_REGION",
            "--sync",
            file.toString(),
            "--port",
            "0",
            "--state-dir",
            dir.toString());
    assertThat(demo.exports()).doesNotContainKey("ROLEKEEPER_DEMO_MFA_SECRET");
    containerUntil(a -> a.status() == 200);

    Promise<Void> written = Promise.promise();
    awaitFile(file, System.currentTimeMillis() + WAIT_MILLIS, written);
    written
        .future()
        .toCompletionStage()
        .toCompletableFuture()
        .get(WAIT_MILLIS + 5000, TimeUnit.MILLISECONDS);

    ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder()
            .profileFile(
                ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build())
            .profileName(DemoCommand.SYNC_SECTION)
            .build();
    assertThat(callerArn(provider))
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/dev/rolekeeper-demo-dev");
    assertThat(demo.stop()).isTrue();
  }

  private void awaitFile(Path file, long deadline, Promise<Void> done) {
    try {
      if (Files.exists(file)
          && Files.readString(file).contains("[" + DemoCommand.SYNC_SECTION + "]")) {
        done.complete();
        return;
      }
    } catch (java.io.IOException e) {
      // being replaced right now: look again shortly
    }
    if (System.currentTimeMillis() > deadline) {
      done.fail(
          new AssertionError(
              "the demo never wrote [" + DemoCommand.SYNC_SECTION + "] into " + file));
    } else {
      vertx.setTimer(100, id -> awaitFile(file, deadline, done));
    }
  }
}

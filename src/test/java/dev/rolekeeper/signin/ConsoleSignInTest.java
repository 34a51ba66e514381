package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.Polling;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.sandbox.CallerIdentity;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.signin.BrowserSignIn.Attempt;
import dev.rolekeeper.signin.ConsoleSignInException.Reason;
import dev.rolekeeper.sts.AwsNetwork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.signin.SigninClient;
import software.amazon.awssdk.services.signin.auth.LoginCredentialsProvider;

/**
 * The console sign-in flow against the simulated Sign-In service, driven over plain HTTP as a
 * browser would: the authorization URL, the loopback redirect, the exchange with the SDK's DPoP
 * proof, and the login cache file that the SDK's own login provider then refreshes.
 */
@ExtendWith(VertxExtension.class)
class ConsoleSignInTest {

  @TempDir Path cacheDir;

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  private StsSimulator sim;
  private LoginCache cache;
  private final AuthorizePage browser = new AuthorizePage();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    sim = new StsSimulator(SimulatorConfig.demo());
    await(sim.start(vertx, 0));
    cache = new LoginCache(cacheDir.resolve("login"));
  }

  @AfterEach
  void stop() throws Exception {
    await(sim.stop());
  }

  private LoginSettings settings(String session) {
    return new LoginSettings(session, "eu-west-1", sim.endpoint().toString(), null);
  }

  private Attempt start(Vertx vertx, String session) throws Exception {
    return await(new ConsoleSignIn(vertx, cache, directClients()).start(settings(session)));
  }

  @Test
  void approve_writesTheCache_whoseCredentialsStsAccepts_andWhoseKeyTheRefreshTokenIsBoundTo(
      Vertx vertx) throws Exception {
    String user = sim.signin().userArn();
    Attempt attempt = start(vertx, user);
    assertThat(attempt.authorizeUrl())
        .matches(
            "\\Q"
                + sim.endpoint()
                + "/v1/authorize?response_type=code"
                + "&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device&state=\\E"
                + "[0-9a-f-]{36}&code_challenge_method=SHA-256&scope=openid"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A\\d+%2Foauth%2Fcallback"
                + "&code_challenge=[A-Za-z0-9_-]{43}");

    String callback = browser.decide(attempt.authorizeUrl(), "approve");
    HttpResponse<String> page = browser.get(callback);
    LoginToken token = await(attempt.done());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("return to the terminal");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    LoginToken stored = cache.read(user).orElseThrow();
    assertThat(stored.credentials()).isEqualTo(token.credentials());
    assertThat(stored.credentials().accountId()).isEqualTo("111122223333");
    assertThat(stored.credentials().expiration())
        .isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(901));
    assertThat(stored.clientId()).isEqualTo("arn:aws:signin:::devtools/same-device");
    assertThat(stored.refreshToken()).isEqualTo(token.refreshToken());
    assertThat(stored.dpopKey()).isEqualTo(token.dpopKey()).startsWith("-----BEGIN EC PRIVATE KEY");
    assertThat(IdToken.decode(stored.idToken()).subject()).isEqualTo(user);
    assertThat(CallerIdentity.arn(sim, stored.credentials())).isEqualTo(user);
    assertListenerClosed(vertx, callback);
    String code = URI.create(callback).getRawQuery().replaceAll(".*code=([^&]*).*", "$1");
    String keyBody = stored.dpopKey().lines().skip(1).findFirst().orElseThrow();
    assertThat(logs.lines())
        .as("no secret in any log line, at DEBUG")
        .isNotEmpty()
        .noneMatch(
            line ->
                line.contains(code)
                    || line.contains(stored.refreshToken())
                    || line.contains(stored.credentials().secretAccessKey())
                    || line.contains(stored.credentials().sessionToken())
                    || line.contains(keyBody));

    // The SDK's own login provider refreshes from the file: the simulator accepts the refresh
    // token only with a proof by the key it was bound to, the one in the file.
    cache.write(user, nearExpiry(stored));
    try (SigninClient signin =
            SigninClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(sim.endpoint())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        LoginCredentialsProvider provider =
            LoginCredentialsProvider.builder()
                .signinClient(signin)
                .loginSession(user)
                .tokenCacheLocation(cache.dir())
                .asyncCredentialUpdateEnabled(false)
                .build()) {
      AwsCredentials refreshed = provider.resolveCredentials();
      assertThat(refreshed.accessKeyId()).isNotEqualTo(stored.credentials().accessKeyId());
    }
    assertThat(sim.calls("CreateOAuth2Token")).isEqualTo(2);
    assertThat(cache.read(user).orElseThrow().refreshToken())
        .as("rotated by the refresh")
        .isNotEqualTo(stored.refreshToken());
  }

  @Test
  void deny_failsTheAttemptAsDenied_andWritesNothing(Vertx vertx) throws Exception {
    Attempt attempt = start(vertx, sim.signin().userArn());

    String callback = browser.decide(attempt.authorizeUrl(), "deny");
    HttpResponse<String> page = browser.get(callback);

    assertThat(page.body()).contains("Sign-in denied");
    assertThat(failure(attempt))
        .hasMessageContaining("denied")
        .extracting("reason")
        .isEqualTo(Reason.DENIED);
    assertThat(cache.dir()).doesNotExist();
    assertThat(sim.calls("CreateOAuth2Token")).isZero();
    assertListenerClosed(vertx, callback);
  }

  @Test
  void callbackWithAnotherState_answers400_failsTheAttempt_andWritesNothing(Vertx vertx)
      throws Exception {
    Attempt attempt = start(vertx, sim.signin().userArn());
    String callback = browser.decide(attempt.authorizeUrl(), "approve");
    String code = URI.create(callback).getRawQuery().replaceAll(".*code=([^&]*).*", "$1");
    String forged =
        callback.replaceAll("state=[^&]*", "state=0e6a4b77-0000-4000-8000-000000000000");

    assertThat(browser.get(callback.replaceAll("/oauth/callback.*", "/favicon.ico")).statusCode())
        .as("anything but the callback")
        .isEqualTo(404);
    assertThat(attempt.done().isComplete()).as("a stray request decides nothing").isFalse();
    assertThat(browser.get(forged).statusCode()).isEqualTo(400);

    ConsoleSignInException failed = failure(attempt);
    assertThat(failed.reason()).isEqualTo(Reason.FOREIGN_REDIRECT);
    assertThat(failed.getMessage()).contains("state").doesNotContain(code);
    assertThat(cache.dir()).doesNotExist();
    assertThat(sim.calls("CreateOAuth2Token")).isZero();
    assertListenerClosed(vertx, callback);
  }

  @Test
  void signedInAsAnotherPrincipal_failsNamingBoth_andWritesNothing(Vertx vertx) throws Exception {
    String profiles = "arn:aws:iam::111122223333:user/carol";
    Attempt attempt = start(vertx, profiles);

    browser.get(browser.decide(attempt.authorizeUrl(), "approve"));

    ConsoleSignInException failed = failure(attempt);
    assertThat(failed.reason()).isEqualTo(Reason.WRONG_PRINCIPAL);
    assertThat(failed.getMessage())
        .contains("signed in as " + sim.signin().userArn())
        .contains("login_session " + profiles);
    assertThat(cache.dir()).doesNotExist();
  }

  @Test
  void exchangeRefused_failsNamingTheErrorButNoSecret_andWritesNothing(Vertx vertx)
      throws Exception {
    // A service whose clock is 10 minutes ahead finds the SDK's DPoP proof stale.
    StsSimulator ahead =
        new StsSimulator(
            SimulatorConfig.demo(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
    await(ahead.start(vertx, 0));
    try {
      Attempt attempt =
          await(
              new ConsoleSignIn(vertx, cache, directClients())
                  .start(
                      new LoginSettings(
                          ahead.signin().userArn(), null, ahead.endpoint().toString(), null)));
      String callback = browser.decide(attempt.authorizeUrl(), "approve");
      String code = URI.create(callback).getRawQuery().replaceAll(".*code=([^&]*).*", "$1");

      browser.get(callback);

      ConsoleSignInException failed = failure(attempt);
      assertThat(failed.reason()).isEqualTo(Reason.REFUSED);
      assertThat(failed.getMessage())
          .contains("refused", "ValidationException INVALID_REQUEST, HTTP 400")
          .doesNotContain(code);
      assertThat(cache.dir()).doesNotExist();
      assertListenerClosed(vertx, callback);
    } finally {
      await(ahead.stop());
    }
  }

  @Test
  void serviceDown_failsAsUnreachable_andWritesNothing(Vertx vertx) throws Exception {
    Attempt attempt = start(vertx, sim.signin().userArn());
    String callback = browser.decide(attempt.authorizeUrl(), "approve");
    await(sim.outage(true));

    browser.get(callback);

    ConsoleSignInException failed = failure(attempt);
    assertThat(failed.reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(failed.getMessage()).contains("could not be reached");
    assertThat(cache.dir()).doesNotExist();
  }

  @Test
  void nobodyComesBack_timesOut_andClosesTheListener(Vertx vertx) throws Exception {
    Attempt attempt =
        await(
            new ConsoleSignIn(
                    vertx,
                    cache,
                    directClients(),
                    Set.of(),
                    Duration.ofMillis(300),
                    Clock.systemUTC())
                .start(settings(sim.signin().userArn())));

    assertThat(failure(attempt).reason()).isEqualTo(Reason.TIMED_OUT);
    String redirect =
        java.net.URLDecoder.decode(
            attempt.authorizeUrl().replaceAll(".*redirect_uri=([^&]*).*", "$1"),
            java.nio.charset.StandardCharsets.UTF_8);
    assertListenerClosed(vertx, redirect);
    assertThat(cache.dir()).doesNotExist();
  }

  @Test
  void noRegionAndNoEndpoint_failsToStart_sayingWhatToSet(Vertx vertx) {
    Future<Attempt> started =
        new ConsoleSignIn(vertx, cache, directClients())
            .start(new LoginSettings(sim.signin().userArn(), null, null, null));
    Throwable failed = catchThrowable(() -> await(started));
    assertThat(failed).hasRootCauseInstanceOf(ConsoleSignInException.class);
    assertThat(failed.getCause()).hasMessageContaining("set the profile's region");
  }

  @Test
  void awsEndpoint_isTheRegionsSigninHost_asTheCliResolvesIt() {
    URI endpoint =
        TokenExchange.endpoint(new LoginSettings("arn:aws:iam::1:root", "eu-west-1", null, null));
    assertThat(TokenExchange.origin(endpoint)).isEqualTo("https://eu-west-1.signin.aws.amazon.com");
  }

  private static LoginToken nearExpiry(LoginToken token) {
    var c = token.credentials();
    return new LoginToken(
        new dev.rolekeeper.credentials.AwsCredentials(
            c.accessKeyId(),
            c.secretAccessKey(),
            c.sessionToken(),
            Instant.now().plusSeconds(30),
            c.accountId()),
        token.refreshToken(),
        token.clientId(),
        token.dpopKey(),
        token.idToken());
  }

  /** The loopback listener of {@code callback} is closed: nothing accepts on its port. */
  static void assertListenerClosed(Vertx vertx, String callback) throws Exception {
    int port = URI.create(callback).getPort();
    Polling.until(
        vertx,
        () -> {
          try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
          } catch (IOException refused) {
            return true;
          }
        },
        Duration.ofSeconds(10));
  }

  private static ConsoleSignInException failure(Attempt attempt) {
    Throwable failed = catchThrowable(() -> await(attempt.done()));
    assertThat(failed).isInstanceOf(ExecutionException.class);
    assertThat(failed.getCause()).isInstanceOf(ConsoleSignInException.class);
    return (ConsoleSignInException) failed.getCause();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Sign-In clients with no proxy, trusting the JDK's CAs. */
  static SigninClients directClients() {
    return new SigninClients(Duration.ofSeconds(10), AwsNetwork.direct());
  }
}

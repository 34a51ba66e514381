package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.sandbox.CallerIdentity;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.MutableClock;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.StsFailureException;
import dev.rolekeeper.sts.AwsNetwork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console sessions against the simulated Sign-In service and STS (real time, as the SDK's DPoP
 * proofs carry it), with a clock of their own the tests move, a recording prompter, and a check
 * after each test that no secret it met reached a log line.
 */
@ExtendWith(VertxExtension.class)
abstract class ConsoleTestSupport {

  static final Duration LEAD = Duration.ofMinutes(10);

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(Instant.now());
  final RecordingPrompter prompter = new RecordingPrompter();
  private final List<String> secrets = new CopyOnWriteArrayList<>();

  Vertx vertx;
  StsSimulator sim;
  LoginSettings settings;
  LoginCache cache;
  SimulatedConsole console;
  SigninClients clients;
  ConsoleSessions sessions;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    sim = new StsSimulator(DemoAccount.create().config());
    await(sim.start(vertx, 0));
    settings =
        new LoginSettings(sim.signin().userArn(), "us-east-1", sim.endpoint().toString(), null);
    cache = new LoginCache(dir.resolve("login/cache"));
    console = new SimulatedConsole(vertx, sim.endpoint(), cache);
    clients = new SigninClients(Duration.ofSeconds(5), AwsNetwork.direct());
    sessions =
        new ConsoleSessions(vertx, new SdkRefresh(cache, clients), console, prompter, clock, LEAD);
  }

  @AfterEach
  void stop() throws Exception {
    sessions.stop();
    clients.close();
    console.close();
    await(sim.stop());
    cache.read(settings.session()).ifPresent(this::remember);
    List<String> lines = logs.lines();
    assertThat(lines).as("log lines were captured").isNotEmpty();
    for (String secret : secrets) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
    }
  }

  /**
   * Signs in as {@code aws login} does and caches the session, its credentials expiring in {@code
   * life} (still valid for STS for 15 minutes); the call counters start again at zero.
   */
  LoginToken signedIn(Duration life) throws Exception {
    LoginToken token = console.signIn();
    AwsCredentials c = token.credentials();
    LoginToken cached =
        new LoginToken(
            new AwsCredentials(
                c.accessKeyId(),
                c.secretAccessKey(),
                c.sessionToken(),
                clock.instant().plus(life),
                c.accountId()),
            token.refreshToken(),
            token.clientId(),
            token.dpopKey(),
            token.idToken());
    cache.write(settings.session(), cached);
    remember(cached);
    sim.resetCounters();
    return cache.read(settings.session()).orElseThrow();
  }

  void remember(LoginToken token) {
    remember(token.credentials());
    secrets.add(token.refreshToken());
    if (token.idToken() != null) {
      secrets.add(token.idToken());
    }
    token.dpopKey().lines().filter(line -> line.length() > 40).forEach(secrets::add);
  }

  void remember(AwsCredentials credentials) {
    secrets.add(credentials.secretAccessKey());
    secrets.add(credentials.sessionToken());
  }

  AwsCredentials credentials(String profile) throws Exception {
    AwsCredentials served = await(sessions.credentials(profile, settings));
    remember(served);
    return served;
  }

  StsFailureException refused(String profile) throws Exception {
    try {
      await(sessions.credentials(profile, settings));
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(StsFailureException.class);
      return (StsFailureException) e.getCause();
    }
    throw new AssertionError("expected no credentials for " + profile);
  }

  int tokenCalls() {
    return sim.calls("CreateOAuth2Token");
  }

  ConsoleSessionStatus status() {
    assertThat(sessions.status()).hasSize(1);
    return sessions.status().get(0);
  }

  /** Whom STS takes {@code credentials} for. */
  String callerArn(AwsCredentials credentials) {
    return CallerIdentity.arn(sim, credentials);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

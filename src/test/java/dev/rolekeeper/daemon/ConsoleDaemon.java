package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.TestProperties;
import dev.rolekeeper.http.Http;
import dev.rolekeeper.http.Http.Reply;
import dev.rolekeeper.sandbox.CallerIdentity;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.signin.AwsLoginTokens;
import dev.rolekeeper.signin.LoginCache;
import dev.rolekeeper.signin.LoginToken;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * A {@link RunningDaemon} (not yet started) whose AWS config has a console sign-in profile {@value
 * #CONSOLE} ({@code login_session} = the simulator's console user) and a role {@value #OPS} chained
 * from it, the login cache and the Sign-In endpoint pointed at the simulator; with what tests of it
 * ask: a sign-in written to the cache, the container route, the control routes, and the Java SDK as
 * a client. The daemon has no display and no {@code xdg-open}: it opens no browser itself. Every
 * secret it meets is kept in {@link #secrets}, for the check of the log lines.
 */
final class ConsoleDaemon implements AutoCloseable {

  static final String CONSOLE = "console";
  static final String OPS = "ops";
  static final String OPS_ARN =
      "arn:aws:sts::" + DemoAccount.ACCOUNT + ":assumed-role/dev/rolekeeper-ops";
  private static final String ROLE = "arn:aws:iam::" + DemoAccount.ACCOUNT + ":role/dev";

  final RunningDaemon running;
  final StsSimulator sim;
  final LoginCache cache;
  final String user;
  final List<String> secrets = new CopyOnWriteArrayList<>();
  private final Http http;
  private final TestProperties properties = new TestProperties();

  private ConsoleDaemon(RunningDaemon running, LoginCache cache, Http http) {
    this.running = running;
    this.sim = running.simulator;
    this.cache = cache;
    this.user = sim.signin().userArn();
    this.http = http;
  }

  static ConsoleDaemon prepare(Vertx vertx, Path home) throws Exception {
    LoginCache cache = new LoginCache(home.resolve("login-cache"));
    // Off the desktop: no display and a PATH without xdg-open, so the login route's "open the
    // browser" only logs the link, and no browser but the test's own acts on it.
    Path noPrograms = Files.createDirectories(home.resolve("no-programs"));
    RunningDaemon running =
        RunningDaemon.prepare(
            vertx,
            home,
            List.of(CONSOLE, OPS),
            null,
            sim ->
                Map.of(
                    "AWS_LOGIN_CACHE_DIRECTORY", cache.dir().toString(),
                    "AWS_ENDPOINT_URL_SIGNIN", sim.endpoint().toString(),
                    "PATH", noPrograms.toString(),
                    "DISPLAY", "",
                    "WAYLAND_DISPLAY", ""));
    Files.writeString(
        home.resolve(".aws/config"),
        String.join(
            "\n",
            "",
            "[profile " + CONSOLE + "]",
            "login_session = " + running.simulator.signin().userArn(),
            "region = us-east-1",
            "",
            "[profile " + OPS + "]",
            "role_arn = " + ROLE,
            "source_profile = " + CONSOLE,
            ""),
        StandardOpenOption.APPEND);
    return new ConsoleDaemon(running, cache, new Http(vertx));
  }

  /**
   * Signs in to the simulator as {@code aws login} would and writes the session to the login cache,
   * with {@code expiresAt} (null: the sign-in's own); the call counters start again.
   */
  LoginToken signIn(Instant expiresAt) throws Exception {
    LoginToken token = AwsLoginTokens.signIn(sim.endpoint(), expiresAt);
    remember(token);
    cache.write(user, token);
    sim.resetCounters();
    return token;
  }

  /** The session in the login cache now. */
  LoginToken cached() throws Exception {
    LoginToken token = cache.read(user).orElseThrow();
    remember(token);
    return token;
  }

  private void remember(LoginToken token) {
    secrets.add(token.credentials().secretAccessKey());
    secrets.add(token.credentials().sessionToken());
    secrets.add(token.refreshToken());
    if (token.idToken() != null) {
      secrets.add(token.idToken());
    }
    token.dpopKey().lines().filter(line -> line.length() > 40).forEach(secrets::add);
  }

  /** {@code GET /v1/credentials/PROFILE}, which must answer {@code expected}. */
  Reply credentials(String profile, int expected) throws Exception {
    Reply reply = get("/v1/credentials/" + profile);
    assertThat(reply.status()).as("%s: %s", profile, reply.body()).isEqualTo(expected);
    if (expected == 200) {
      secrets.add(reply.json().getString("SecretAccessKey"));
      secrets.add(reply.json().getString("Token"));
    }
    return reply;
  }

  /** Blocking (for {@code Polling}, on a worker): the status the container route answers now. */
  int status(String profile) {
    try {
      return get("/v1/credentials/" + profile).status();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code POST} to a control route. */
  Reply control(String path) throws Exception {
    return await(
        http.post(
            running.daemon.port(),
            path,
            "",
            "Authorization",
            running.daemon.tokens().controlToken()));
  }

  /** The only entry of {@code GET /control/status}'s {@code loginSessions}. */
  JsonObject loginSession() throws Exception {
    Reply status = get("/control/status");
    assertThat(status.json().getJsonArray("loginSessions")).hasSize(1);
    JsonObject session = status.json().getJsonArray("loginSessions").getJsonObject(0);
    assertThat(session.getString("session")).isEqualTo(user);
    assertThat(session.getString("profiles")).isEqualTo(CONSOLE);
    return session;
  }

  private Reply get(String path) throws Exception {
    return await(
        http.get(
            running.daemon.port(), path, "Authorization", running.daemon.tokens().controlToken()));
  }

  /** GetCallerIdentity through the Java SDK's container provider, pointed at the daemon. */
  String sdkCallerArn(String profile) {
    properties.set(
        SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.property(),
        running.containerUri(profile));
    properties.set(
        SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN.property(),
        running.daemon.tokens().clientToken(List.of(profile)).token());
    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
      return running.callerArn(provider);
    }
  }

  /** Whom STS takes the container route's {@code keys} for. */
  String callerArn(JsonObject keys) {
    return running.callerArn(CallerIdentity.containerKeys(keys));
  }

  /** Whether STS still takes the container route's {@code keys}; blocking. */
  boolean accepted(JsonObject keys) {
    try {
      callerArn(keys);
      return true;
    } catch (StsException e) {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
      return false;
    }
  }

  /** Fails when any of {@code lines} holds a secret of this sign-in (as {@link #close} saw it). */
  void assertNoSecretIn(List<String> lines) {
    assertThat(lines).as("log lines were captured").isNotEmpty();
    for (String secret : secrets) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
    }
  }

  /**
   * Restores the SDK's properties, stops daemon and simulator, and remembers the cache's secrets.
   */
  @Override
  public void close() throws Exception {
    properties.restore();
    running.stop();
    await(http.close());
    if (Files.exists(cache.fileFor(user))) {
      cached();
    }
  }
}

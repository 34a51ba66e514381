package dev.rolekeeper.oracle;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.ConsoleSignIns;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.signin.DpopKeys;
import dev.rolekeeper.signin.LoginCache;
import dev.rolekeeper.signin.LoginToken;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A console sign-in session on the STS/Sign-In simulator (on the wall clock, since the SDKs' DPoP
 * proofs are), written by rolekeeper's {@link LoginCache} into a private cache directory, with an
 * AWS config file whose profile {@value #PROFILE} names it by {@code login_session}, and the
 * environment an SDK needs to use that profile against the simulator.
 */
final class ConsoleSession {

  static final String PROFILE = "console";
  static final String CLIENT = "arn:aws:signin:::devtools/same-device";

  final StsSimulator sim;
  final LoginCache cache;
  final String loginSession;

  /** What rolekeeper wrote first: the sign-in's session, its access token made to expire early. */
  final LoginToken written;

  private final Path dir;

  private ConsoleSession(StsSimulator sim, Path dir, LoginToken written) {
    this.sim = sim;
    this.dir = dir;
    this.cache = new LoginCache(dir.resolve("login-cache"));
    this.loginSession = sim.signin().userArn();
    this.written = written;
  }

  /**
   * Starts a simulator, signs in with a key from {@link DpopKeys#generate()}, and writes the
   * session with {@code expiresAt} instead of the sign-in's own expiry (so that an SDK must
   * refresh).
   */
  static ConsoleSession start(Vertx vertx, Path dir, Instant expiresAt) throws Exception {
    StsSimulator sim = new StsSimulator(SimulatorConfig.demo());
    sim.start(vertx, 0).await(10, TimeUnit.SECONDS);
    KeyPair key = DpopKeys.generate();
    JsonObject signIn = ConsoleSignIns.signIn(sim.endpoint(), key);
    JsonObject access = signIn.getJsonObject("accessToken");
    String user = sim.signin().userArn();
    LoginToken token =
        new LoginToken(
            new AwsCredentials(
                access.getString("accessKeyId"),
                access.getString("secretAccessKey"),
                access.getString("sessionToken"),
                expiresAt,
                user.split(":")[4]),
            signIn.getString("refreshToken"),
            CLIENT,
            DpopKeys.sec1Pem(key),
            signIn.getString("idToken"));
    ConsoleSession session = new ConsoleSession(sim, dir, token);
    session.cache.write(session.loginSession, token);
    Files.writeString(
        dir.resolve("config"),
        "[profile " + PROFILE + "]\nlogin_session = " + user + "\nregion = us-east-1\n");
    return session;
  }

  /**
   * The environment of an SDK process: only the AWS files, the login cache and the simulator as
   * Sign-In and STS endpoint; nothing of this machine's own AWS set-up.
   */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("AWS_LOGIN_CACHE_DIRECTORY", cache.dir().toString());
    env.put("AWS_ENDPOINT_URL_SIGNIN", sim.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_STS", sim.endpoint().toString());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return env;
  }

  /** Sign-In token calls so far (the sign-in is the first). */
  int tokenCalls() {
    return sim.calls("CreateOAuth2Token");
  }

  /** The cache file as its last writer left it. */
  JsonObject file() throws IOException {
    return new JsonObject(Files.readString(cache.fileFor(loginSession), StandardCharsets.UTF_8));
  }

  /** rolekeeper reads the file and writes it back with the access token expiring at {@code at}. */
  LoginToken rewriteExpiring(Instant at) throws IOException {
    LoginToken read = cache.read(loginSession).orElseThrow();
    AwsCredentials c = read.credentials();
    LoginToken rewritten =
        new LoginToken(
            new AwsCredentials(
                c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), at, c.accountId()),
            read.refreshToken(),
            read.clientId(),
            read.dpopKey(),
            read.idToken());
    cache.write(loginSession, rewritten);
    return rewritten;
  }

  void stop() throws Exception {
    sim.stop().await(10, TimeUnit.SECONDS);
  }
}

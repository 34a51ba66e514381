package dev.rolekeeper.signin;

import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.sso.DesktopSignInPrompter;
import dev.rolekeeper.sso.SignInPrompter;
import dev.rolekeeper.sts.AwsNetwork;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The console sign-in pieces of a daemon: the AWS CLI's login cache ({@code
 * AWS_LOGIN_CACHE_DIRECTORY} or {@code ~/.aws/login/cache}), the SDK's Sign-In clients on the
 * daemon's network settings (proxies, CA bundles), the desktop prompter, and the sessions built on
 * them. Closing it stops their timers and closes the clients.
 */
public final class ConsoleLogins implements AutoCloseable {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final SigninClients clients;
  private final ConsoleSessions sessions;

  private ConsoleLogins(SigninClients clients, ConsoleSessions sessions) {
    this.clients = clients;
    this.sessions = sessions;
  }

  /**
   * @param env the daemon's environment (HOME, AWS_LOGIN_CACHE_DIRECTORY, proxies, AWS_CA_BUNDLE)
   * @param lead how long before a sign-in is needed it is announced
   * @param runner the daemon's one process runner, which launches the notification and browser
   * @param allowUids the uids the sign-in's redirect listener admits besides this process's own
   *     ({@code listen.allowUsers}, as the endpoints)
   */
  public static ConsoleLogins create(
      Vertx vertx,
      Map<String, String> env,
      Duration lead,
      ProcessRunner runner,
      Set<Integer> allowUids) {
    return create(
        vertx,
        UserPaths.of(env).loginCache(),
        AwsNetwork.from(env),
        DesktopSignInPrompter.of(runner),
        lead,
        allowUids);
  }

  /**
   * With this cache directory, network and prompter, and the real browser sign-in, whose redirect
   * listener admits only this process's user.
   *
   * @param cacheDir the login cache directory
   */
  public static ConsoleLogins create(
      Vertx vertx, Path cacheDir, AwsNetwork network, SignInPrompter prompter, Duration lead) {
    return create(vertx, cacheDir, network, prompter, lead, Set.of());
  }

  private static ConsoleLogins create(
      Vertx vertx,
      Path cacheDir,
      AwsNetwork network,
      SignInPrompter prompter,
      Duration lead,
      Set<Integer> allowUids) {
    LoginCache cache = new LoginCache(cacheDir);
    // One set of Sign-In clients for the refreshes and the sign-ins alike.
    SigninClients clients = new SigninClients(CALL_TIMEOUT, network);
    return assemble(
        vertx, cache, clients, new ConsoleSignIn(vertx, cache, clients, allowUids), prompter, lead);
  }

  /**
   * With this cache directory, network, browser sign-in and prompter (tests: another browser).
   *
   * @param cacheDir the login cache directory
   */
  public static ConsoleLogins create(
      Vertx vertx,
      Path cacheDir,
      AwsNetwork network,
      BrowserSignIn browser,
      SignInPrompter prompter,
      Duration lead) {
    return assemble(
        vertx,
        new LoginCache(cacheDir),
        new SigninClients(CALL_TIMEOUT, network),
        browser,
        prompter,
        lead);
  }

  private static ConsoleLogins assemble(
      Vertx vertx,
      LoginCache cache,
      SigninClients clients,
      BrowserSignIn browser,
      SignInPrompter prompter,
      Duration lead) {
    ConsoleSessions sessions =
        new ConsoleSessions(
            vertx,
            new SdkRefresh(cache, clients),
            browser,
            prompter,
            Clock.systemDefaultZone(),
            lead);
    return new ConsoleLogins(clients, sessions);
  }

  public ConsoleSessions sessions() {
    return sessions;
  }

  @Override
  public void close() {
    sessions.stop();
    clients.close();
  }
}

package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.Polling;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.process.ProgramLocator;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.CodeSource;
import dev.rolekeeper.session.LoginPlan;
import dev.rolekeeper.session.RefreshPolicy;
import dev.rolekeeper.session.RoleHop;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.signin.AwsLoginTokens;
import dev.rolekeeper.signin.ConsoleLogins;
import dev.rolekeeper.signin.LoginCache;
import dev.rolekeeper.signin.LoginToken;
import dev.rolekeeper.sso.DesktopSignInPrompter;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.SdkStsGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console sign-in ({@code aws login}) asked for on the real Linux desktop (Xvfb, D-Bus, dunst,
 * notify-send) once Sign-In refuses the refresh token: the notification's "Sign in" action starts
 * the browser sign-in, {@code xdg-open} hands the authorize link to the "browser" (a script that
 * opens the page, presses Approve and follows the redirect to the loopback listener, with curl),
 * and the new session is written to the login cache and served; no secret reaches a log line.
 */
@ExtendWith(VertxExtension.class)
class ConsoleSignInDesktopTest {

  private static final List<String> PROGRAMS =
      List.of(
          "Xvfb",
          "dbus-launch",
          "dbus-send",
          "dunst",
          "dunstctl",
          "notify-send",
          "xdg-open",
          "curl");
  private static final Duration STEP = Duration.ofSeconds(20);

  @TempDir Path dir;

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  private Vertx vertx;
  private StsSimulator simulator;
  private LoginCache cache;
  private ConsoleLogins logins;
  private SessionManager sessions;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    ProgramLocator path = new ProgramLocator(System.getenv("PATH"));
    PROGRAMS.forEach(
        p ->
            Assumptions.assumeTrue(
                path.find(p).isPresent(),
                "desktop test skipped: "
                    + p
                    + " not installed (apt-get install -y xvfb dbus-x11 dunst libnotify-bin xdg-utils curl)"));
    this.vertx = vertx;
    simulator = new StsSimulator(DemoAccount.create().config());
    await(simulator.start(vertx, 0));
    cache = new LoginCache(dir.resolve("login-cache"));
  }

  @AfterEach
  void stop() throws Exception {
    if (sessions != null) {
      await(vertx.undeploy(sessions.deploymentID()));
    }
    if (logins != null) {
      logins.close();
    }
    if (simulator != null) {
      await(simulator.stop());
    }
  }

  @Test
  void refreshRefused_notificationSignIn_approvedInTheBrowser_newSessionCachedAndServed()
      throws Exception {
    String user = simulator.signin().userArn();
    try (DesktopPromptTest.Desktop desktop = DesktopPromptTest.Desktop.start(dir)) {
      // What `aws login` left: good for three more minutes, inside the refresh window; then the
      // password changes, so Sign-In refuses the refresh.
      LoginToken old =
          AwsLoginTokens.signIn(simulator.endpoint(), Instant.now().plus(Duration.ofMinutes(3)));
      cache.write(user, old);
      simulator.signin().changePassword();
      simulator.resetCounters();
      serve(new ProcessRunner(vertx, browserEnv(desktop)), user);

      Polling.until(vertx, () -> sessions.lookup("console") instanceof Lookup.Available, STEP);
      assertThat(((Lookup.Available) sessions.lookup("console")).credentials().accessKeyId())
          .as("the last good, while the sign-in is asked for")
          .isEqualTo(old.credentials().accessKeyId());
      Polling.until(vertx, () -> shown(desktop), STEP);
      assertThat(desktop.shown().orElseThrow())
          .startsWith(
              "rolekeeper|rolekeeper: sign-in needed|Sign in to AWS: profile console needs it by ")
          .endsWith("(console sign-in " + user + ").");
      assertThat(simulator.calls("CreateOAuth2Token")).as("the refused refresh only").isEqualTo(1);
      assertThat(dir.resolve("opened")).as("no browser before the person acts").doesNotExist();

      desktop.run("dunstctl", "action", "0");

      Polling.until(
          vertx,
          () ->
              "SignedIn".equals(logins.sessions().status().get(0).state())
                  && !cachedKey(user).equals(old.dpopKey()),
          STEP);
      assertThat(Files.readString(dir.resolve("opened")).strip())
          .startsWith(simulator.endpoint() + "/v1/authorize?response_type=code&")
          .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A");
      LoginToken renewed = cache.read(user).orElseThrow();
      assertThat(renewed.idToken()).isNotNull();
      assertThat(simulator.calls("CreateOAuth2Token")).as("and the code grant").isEqualTo(2);
      assertThat(logins.sessions().status().get(0).lastError()).isNull();
      AwsCredentials fresh = await(sessions.refresh("console"));
      assertThat(fresh.accessKeyId()).isEqualTo(renewed.credentials().accessKeyId());
      for (LoginToken token : List.of(old, renewed)) {
        String key = token.dpopKey().lines().skip(1).findFirst().orElseThrow();
        assertThat(logs.lines())
            .noneMatch(line -> line.contains(token.refreshToken()) || line.contains(key))
            .noneMatch(line -> line.contains(token.credentials().secretAccessKey()))
            .noneMatch(line -> line.contains(token.credentials().sessionToken()));
      }
    }
  }

  /**
   * The console sessions as a daemon builds them, their prompter on this desktop, and the session
   * manager serving profile {@code console} from them.
   */
  private void serve(ProcessRunner runner, String user) throws Exception {
    AwsNetwork network = AwsNetwork.direct();
    logins =
        ConsoleLogins.create(
            vertx,
            cache.dir(),
            network,
            new DesktopSignInPrompter(
                runner,
                new ProgramLocator(System.getenv("PATH")),
                Duration.ofMinutes(2),
                Clock.systemDefaultZone()),
            Duration.ofMinutes(10));
    LoginSettings settings =
        new LoginSettings(user, "us-east-1", simulator.endpoint().toString(), null);
    RoleHop hop = new RoleHop("console", null, null, 0, null, RoleHop.Route.regional("us-east-1"));
    sessions =
        new SessionManager(
            Map.of("console", new LoginPlan(hop, settings, logins.sessions())),
            Set.of("console"),
            new SdkStsGateway(simulator.endpoint(), Duration.ofSeconds(5), network),
            CodeSource.none(),
            RefreshPolicy.defaults(),
            Clock.systemUTC());
    await(vertx.deployVerticle(sessions));
  }

  private static boolean shown(DesktopPromptTest.Desktop desktop) {
    try {
      return desktop.shown().isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The DPoP key of the session cached now: a new one means a new sign-in. */
  private String cachedKey(String user) {
    try {
      return cache.read(user).orElseThrow().dpopKey();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The desktop, plus a "browser" that notes the link it was handed, opens the page, approves, and
   * follows the redirect to rolekeeper's loopback listener, as a person's browser would.
   */
  private Map<String, String> browserEnv(DesktopPromptTest.Desktop desktop) throws Exception {
    Path browser = dir.resolve("browser.sh");
    Files.writeString(
        browser,
        String.join(
            "\n",
            "#!/bin/sh",
            "printf '%s\\n' \"$1\" > '" + dir.resolve("opened") + "'",
            "page=$(curl -sf --noproxy '*' \"$1\") || exit 1",
            "request=$(printf '%s\\n' \"$page\""
                + " | sed -n 's/.*name=\"request\" value=\"\\([^\"]*\\)\".*/\\1/p' | head -n 1)",
            "form=\"${1%%/v1/authorize*}/v1/authorize\"",
            "callback=$(curl -sf --noproxy '*' -o /dev/null -w '%{redirect_url}'"
                + " --data \"request=$request&decision=approve\" \"$form\") || exit 1",
            "exec curl -sf --noproxy '*' -o /dev/null \"$callback\"",
            ""));
    return desktop.envWithBrowser(browser);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
  }
}

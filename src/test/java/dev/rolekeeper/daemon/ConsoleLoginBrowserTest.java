package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.ConsoleDaemon.CONSOLE;
import static dev.rolekeeper.daemon.ConsoleDaemon.OPS;
import static dev.rolekeeper.daemon.ConsoleDaemon.OPS_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.HeadlessChromium;
import dev.rolekeeper.Polling;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * {@code rolekeeper login} completed in a real browser: a real daemon whose console session only a
 * sign-in can mend, the command run as the CLI, and Debian's headless Chromium (Selenium) opening
 * the link the command printed on the simulated Sign-In service and pressing Approve; the service's
 * redirect takes the browser to the daemon's loopback listener, the command exits 0, and the Java
 * SDK's container provider gets the profile and the role chained from it again. The daemon has no
 * display and no {@code xdg-open} ({@link ConsoleDaemon}), so only Chromium acts. Skipped when
 * Chromium is not installed (CI installs it).
 */
@ExtendWith(VertxExtension.class)
class ConsoleLoginBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static HeadlessChromium chromium;

  @TempDir Path home;

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  @RegisterExtension final TestWatcher screenshots = HeadlessChromium.screenshots(() -> chromium);

  private Vertx vertx;
  private ConsoleDaemon daemon;

  @BeforeAll
  static void startBrowser() throws IOException {
    chromium = HeadlessChromium.start("console-login");
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    daemon = ConsoleDaemon.prepare(vertx, home);
  }

  @AfterEach
  void tearDown() throws Exception {
    daemon.close();
    daemon.assertNoSecretIn(logs.lines());
  }

  @Test
  void rolekeeperLogin_approvedInChromium_exits0_andTheProfilesAreServedAgain() throws Exception {
    // Expired credentials and a refresh token the service refuses: nothing to serve until a
    // sign-in.
    daemon.signIn(Instant.now().minusSeconds(60));
    daemon.sim.signin().endSessions();
    daemon.running.startDaemon(vertx);
    assertThat(daemon.credentials(CONSOLE, 503).json().getString("code"))
        .isEqualTo("LoginRequired");
    assertThat(daemon.loginSession().getString("state")).isEqualTo("SignInNeeded");

    LoginRun login = LoginRun.start(CONSOLE, daemon.running.daemon.stateDir());
    String link = login.authorizeUrl(vertx);
    WebDriver browser = chromium.driver();
    browser.get(link);
    assertThat(browser.findElement(By.id("principal")).getText()).isEqualTo(daemon.user);
    browser.findElement(By.id("approve")).click();

    assertThat(login.exit()).as("%s %s", login.out(), login.err()).isZero();
    assertThat(login.out()).contains("Signed in as " + daemon.user).contains(CONSOLE);
    Polling.until(vertx, () -> browser.getPageSource().contains("Sign-in received"), WAIT);
    assertThat(browser.getCurrentUrl())
        .startsWith("http://127.0.0.1:")
        .contains("/oauth/callback?");
    JsonObject session = daemon.loginSession();
    assertThat(session.getString("state")).isEqualTo("SignedIn");
    assertThat(session.getJsonObject("lastSignIn").getBoolean("ok")).isTrue();

    Polling.until(vertx, () -> daemon.status(CONSOLE) == 200, WAIT);
    assertThat(daemon.sdkCallerArn(CONSOLE)).isEqualTo(daemon.user);
    assertThat(daemon.sdkCallerArn(OPS)).isEqualTo(OPS_ARN);
    assertThat(daemon.cached().idToken()).as("the sign-in's session, cached").isNotNull();
    assertThat(logs.lines())
        .as("the daemon had no browser to open: the link was only logged")
        .anyMatch(line -> line.contains("No xdg-open to open the browser"));
  }
}

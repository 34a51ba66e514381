package dev.rolekeeper.signin;

import static dev.rolekeeper.signin.ConsoleSignInTest.assertListenerClosed;
import static dev.rolekeeper.signin.ConsoleSignInTest.await;
import static dev.rolekeeper.signin.ConsoleSignInTest.directClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rolekeeper.HeadlessChromium;
import dev.rolekeeper.Polling;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.signin.BrowserSignIn.Attempt;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The console sign-in in a real browser: Debian's headless Chromium, driven through its
 * chromedriver by Selenium, opens the authorization URL on the simulated Sign-In service and
 * presses Approve or Deny; the service's redirect takes the browser to the loopback listener. Only
 * a browser shows that the redirect really lands there. Skipped when Chromium is not installed (CI
 * installs it, as for {@code MfaPageBrowserTest}).
 */
@ExtendWith(VertxExtension.class)
class ConsoleSignInBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static HeadlessChromium chromium;
  private static WebDriver browser;

  @TempDir Path cacheDir;

  private StsSimulator sim;
  private LoginCache cache;

  @BeforeAll
  static void startBrowser() throws IOException {
    chromium = HeadlessChromium.start("signin");
    browser = chromium.driver();
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void startSimulator(Vertx vertx) throws Exception {
    sim = new StsSimulator(SimulatorConfig.demo());
    await(sim.start(vertx, 0));
    cache = new LoginCache(cacheDir.resolve("login"));
  }

  @AfterEach
  void stop() throws Exception {
    await(sim.stop());
  }

  private Attempt signIn(Vertx vertx) throws Exception {
    String user = sim.signin().userArn();
    return await(
        new ConsoleSignIn(vertx, cache, directClients())
            .start(new LoginSettings(user, "eu-west-1", sim.endpoint().toString(), null)));
  }

  @Test
  void approveInChromium_redirectReachesTheListener_andTheSessionIsCached(Vertx vertx)
      throws Exception {
    Attempt attempt = signIn(vertx);

    browser.get(attempt.authorizeUrl());
    assertThat(browser.findElement(By.id("principal")).getText()).isEqualTo(sim.signin().userArn());
    browser.findElement(By.id("approve")).click();
    LoginToken token = await(attempt.done());

    Polling.until(vertx, () -> browser.getPageSource().contains("Sign-in received"), WAIT);
    assertThat(browser.getCurrentUrl())
        .startsWith("http://127.0.0.1:")
        .contains("/oauth/callback?");
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("You can close this tab and return to the terminal");
    assertThat(cache.read(sim.signin().userArn())).contains(token);
    assertListenerClosed(vertx, browser.getCurrentUrl());
  }

  @Test
  void denyInChromium_failsTheAttempt_andCachesNothing(Vertx vertx) throws Exception {
    Attempt attempt = signIn(vertx);

    browser.get(attempt.authorizeUrl());
    browser.findElement(By.id("deny")).click();
    Throwable failed = catchThrowable(() -> await(attempt.done()));

    assertThat(failed).hasCauseInstanceOf(ConsoleSignInException.class);
    assertThat(((ConsoleSignInException) failed.getCause()).reason())
        .isEqualTo(ConsoleSignInException.Reason.DENIED);
    Polling.until(vertx, () -> browser.getPageSource().contains("Sign-in denied"), WAIT);
    assertThat(cache.dir()).doesNotExist();
  }
}

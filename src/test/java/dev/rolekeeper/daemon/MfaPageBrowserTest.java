package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.HeadlessChromium;
import dev.rolekeeper.mfa.MfaPageLinks;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.Totp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The MFA page in a real browser: Debian's headless Chromium, driven through its chromedriver by
 * Selenium, against the real daemon and the STS simulator. Only a browser shows which Origin and
 * Sec-Fetch-* headers its own form post and other pages' posts carry. Skipped when Chromium is not
 * installed (CI installs it).
 */
@ExtendWith(VertxExtension.class)
class MfaPageBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static HeadlessChromium chromium;
  private static WebDriver browser;

  @TempDir Path home;

  private Vertx vertx;
  private RunningDaemon running;
  private HttpServer foreign;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Saves what the browser showed when a test failed: target/browser-failures/<test>.png. */
  @RegisterExtension final TestWatcher screenshots = HeadlessChromium.screenshots(() -> chromium);

  @BeforeAll
  static void startBrowser() throws IOException {
    // QUIC off and a fixed window: the page's layout and its links are what is checked.
    chromium = HeadlessChromium.start("mfa-page", "--disable-quic", "--window-size=1000,900");
    browser = chromium.driver();
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void startDaemon(Vertx vertx) throws Exception {
    this.vertx = vertx;
    running =
        RunningDaemon.prepare(vertx, home, List.of(DemoAccount.MFA_PROFILE), Map.of())
            .startDaemon(vertx);
  }

  @AfterEach
  void stopDaemon() throws Exception {
    if (foreign != null) {
      await(foreign.close());
    }
    running.stop();
  }

  @Test
  void page_opensFromTheLink_showsProfileDeviceAndAVisibleCodeField() throws Exception {
    open(link());
    keep("page");
    assertThat(browser.getTitle()).isEqualTo("Enter your MFA code · rolekeeper");
    String text = browser.findElement(By.tagName("main")).getText();
    assertThat(text)
        .contains(
            "rolekeeper",
            "Profile " + DemoAccount.MFA_PROFILE + " is waiting",
            "bob in AWS account 1111-2222-3333",
            DemoAccount.MFA_DEVICE,
            "This request",
            "expires",
            "The 6-digit code from your authenticator app");
    WebElement field = browser.findElement(By.id("code"));
    assertThat(field.getAttribute("type")).isEqualTo("text");
    assertThat(field.getAttribute("inputmode")).isEqualTo("numeric");
    assertThat(field.getAttribute("autocomplete")).isEqualTo("one-time-code");
    assertThat(browser.switchTo().activeElement())
        .as("the code field has the focus")
        .isEqualTo(field);
    assertThat(field.getCssValue("font-size"))
        .as("the inline style sheet applies (CSP hash)")
        .isNotEqualTo("16px");
  }

  @Test
  void page_opensFromTheHandoffFile_throughItsRefreshAndItsFallbackLink() throws Exception {
    String link = link();
    dev.rolekeeper.process.BrowserHandoff handoff =
        new dev.rolekeeper.process.BrowserHandoff(
            vertx, home.resolve("open"), dev.rolekeeper.process.BrowserHandoff.LIFETIME);
    String file = await(handoff.write(link)).toUri().toString();

    // The browser calls a navigation from a file: page cross-site; the page must still open.
    open(file);
    awaitPage("Enter your MFA code");
    assertThat(browser.getCurrentUrl()).isEqualTo(link);

    // The plain link, for a browser that does not follow refreshes: a click, still cross-site.
    open("data:text/html,<a id=go href=\"" + link + "\">go</a>");
    browser.findElement(By.id("go")).click();
    awaitPage("Enter your MFA code");
    type(Totp.generate(running.account.mfaSecret(), Instant.now()));
    awaitPage("Code accepted");
  }

  @Test
  void wrongCode_refusedBySts_thenRightCodeOnTheSameLinkAsLocalhost_unlocksTheProfile()
      throws Exception {
    String link = link();
    open(link);
    type(wrongCode());
    awaitPage("STS refused this code");
    keep("refused");
    assertThat(text()).contains("Wait for the next code from your authenticator app and try again");
    assertThat(credentialsStatus()).as("still waiting for a code").isEqualTo(503);
    assertThat(browser.getCurrentUrl()).isEqualTo(link);

    // The same link opened as localhost: its own form posts to localhost, which is just as much its
    // own origin.
    open(link.replace("127.0.0.1", "localhost"));
    type(Totp.generate(running.account.mfaSecret(), Instant.now()));
    awaitPage("Code accepted");
    keep("accepted");
    assertThat(text())
        .contains("Code accepted: profile " + DemoAccount.MFA_PROFILE + " has a session until");
    assertThat(credentialsStatus()).isEqualTo(200);
    open(link);
    assertThat(text()).as("the link is spent").contains("Link expired");
  }

  @Test
  void otherPages_postingOrFetching_withOrWithoutTheCsrfToken_areRefusedAndThePromptWaits()
      throws Exception {
    String link = link();
    open(link);
    String csrf = browser.findElement(By.name("csrf")).getAttribute("value");
    String code = Totp.generate(running.account.mfaSecret(), Instant.now());
    foreign =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request ->
                        request
                            .response()
                            .putHeader("Content-Type", "text/html; charset=utf-8")
                            .end(attackPage(request.path(), link, code, csrf)))
                .listen(0, "127.0.0.1"));
    int port = foreign.actualPort();

    for (String page :
        List.of(
            "http://127.0.0.1:" + port + "/form",
            "http://127.0.0.1:" + port + "/form-csrf",
            "http://localhost:" + port + "/form-csrf",
            "http://127.0.0.1:" + port + "/form-csrf-null")) {
      open(page);
      awaitPage("BrowserRequest");
    }
    for (String page :
        List.of("http://127.0.0.1:" + port + "/fetch", "http://localhost:" + port + "/fetch")) {
      open(page);
      until(() -> browser.getTitle().startsWith("fetch "));
    }

    assertThat(running.simulator.calls("GetSessionToken"))
        .as("no foreign request reached STS")
        .isZero();
    assertThat(running.daemon.parts().mfa().prompts().pending())
        .as("the prompt still waits")
        .hasSize(1);
    assertThat(credentialsStatus()).isEqualTo(503);
    open(link);
    assertThat(text())
        .as("refused requests did not count against the link")
        .contains("Enter your MFA code");
    type(code);
    awaitPage("Code accepted");
  }

  @Test
  void fiveRefusedCodes_lockTheLink_andThePageSaysWhatToDoNext() throws Exception {
    String link = link();
    open(link);
    for (int i = 0; i < MfaPageLinks.MAX_FAILURES - 1; i++) {
      type(wrongCode());
      awaitPage("STS refused this code");
    }
    type(wrongCode());
    awaitPage("Link locked");
    keep("locked");
    assertThat(text()).contains("this link is locked", "run rolekeeper mfa in a terminal");
    assertThat(credentialsStatus()).isEqualTo(503);
    open(link);
    assertThat(text()).contains("Link locked");
  }

  /** The link the notification and the log give for the pending prompt. */
  private String link() throws Exception {
    await(
        dev.rolekeeper.session.Eventually.until(
            vertx, () -> !running.daemon.parts().mfa().prompts().pending().isEmpty(), WAIT));
    return running.daemon.parts().mfa().webLink(DemoAccount.MFA_DEVICE).orElseThrow();
  }

  /**
   * Keeps what a person sees in this state, for a look at the page:
   * target/browser-screens/NAME.png.
   */
  private static void keep(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "browser-screens"));
    Files.write(
        dir.resolve(name + ".png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
  }

  private static void open(String url) {
    browser.get(url);
  }

  /** Types the code and presses Enter: the keyboard alone sends the form. */
  private static void type(String code) {
    WebElement field = browser.findElement(By.id("code"));
    field.clear();
    field.sendKeys(code, Keys.ENTER);
  }

  private static String text() {
    return browser.findElement(By.tagName("body")).getText();
  }

  private static void awaitPage(String words) throws InterruptedException {
    until(() -> browser.getPageSource().contains(words));
  }

  /**
   * Polls the browser until {@code condition} holds (a condition on the page, not a fixed sleep).
   */
  private static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the browser did not get there within "
                + WAIT.toSeconds()
                + " s; it shows: "
                + browser.getCurrentUrl()
                + "\n"
                + text());
      }
      Thread.sleep(50);
    }
  }

  /** A code the simulator refuses: not the code of the current, previous or next 30-second step. */
  private String wrongCode() {
    Instant now = Instant.now();
    Set<String> valid = new HashSet<>();
    for (int step = -2; step <= 2; step++) {
      valid.add(Totp.generate(running.account.mfaSecret(), now.plus(Totp.STEP.multipliedBy(step))));
    }
    for (int candidate = 123456; ; candidate++) {
      if (!valid.contains(Integer.toString(candidate))) {
        return Integer.toString(candidate);
      }
    }
  }

  /** The status the container endpoint answers demo-admin's SDK clients with now. */
  private int credentialsStatus() throws IOException, InterruptedException {
    String token = running.daemon.tokens().clientToken(List.of(DemoAccount.MFA_PROFILE)).token();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(running.containerUri(DemoAccount.MFA_PROFILE)))
            .version(HttpClient.Version.HTTP_1_1)
            .header("Authorization", token)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  /** Pages of another origin that try to use the link: auto-submitted forms, and fetch(). */
  private static String attackPage(String path, String link, String code, String csrf) {
    String fields =
        "<input name=\"code\" value=\""
            + code
            + "\">"
            + (path.startsWith("/form-csrf") ? "<input name=\"csrf\" value=\"" + csrf + "\">" : "");
    String policy =
        path.endsWith("-null") ? "<meta name=\"referrer\" content=\"no-referrer\">" : "";
    if (path.startsWith("/form")) {
      return "<!DOCTYPE html><html><head>"
          + policy
          + "<title>form</title></head><body>"
          + "<form id=\"f\" method=\"post\" action=\""
          + link
          + "\">"
          + fields
          + "</form>"
          + "<script>document.getElementById('f').submit()</script></body></html>";
    }
    return "<!DOCTYPE html><html><head><title>fetching</title></head><body><script>"
        + "fetch('"
        + link
        + "', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': "
        + "'application/x-www-form-urlencoded'}, body: 'code="
        + code
        + "&csrf="
        + csrf
        + "'})"
        + ".then(r => document.title = 'fetch ' + r.type, e => document.title = 'fetch failed')"
        + "</script></body></html>";
  }
}

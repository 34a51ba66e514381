package dev.rolekeeper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through its chromedriver by Selenium, with a profile of its
 * own that {@link #close} removes: the browser of the console sign-in tests. Both programs are
 * named outright, so Selenium never looks for (or downloads) either; where they are not installed
 * (Debian: chromium, chromium-driver; CI installs them) {@link #start} skips the test.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver driver;
  private final Path profileDir;

  private HeadlessChromium(WebDriver driver, Path profileDir) {
    this.driver = driver;
    this.profileDir = profileDir;
  }

  /**
   * Starts the browser, its driver logging to {@code target/chromedriver-NAME.log}; skips the
   * calling test (or class, from {@code @BeforeAll}) when Chromium is not installed.
   *
   * @param more Chromium arguments beyond the usual headless set
   */
  public static HeadlessChromium start(String name, String... more) throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and chromedriver (Debian: chromium, chromium-driver) are not installed");
    Path profileDir = Files.createTempDirectory("rolekeeper-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File("target/chromedriver-" + name + ".log"))
            .build();
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(more)
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profileDir);
    return new HeadlessChromium(new ChromeDriver(service, options), profileDir);
  }

  public WebDriver driver() {
    return driver;
  }

  /**
   * Saves what the browser {@code chromium} supplies (null before it started) showed when a test
   * failed: {@code target/browser-failures/<test>.png}. For a {@code @RegisterExtension} field.
   */
  public static TestWatcher screenshots(Supplier<HeadlessChromium> chromium) {
    return new TestWatcher() {
      @Override
      public void testFailed(ExtensionContext context, Throwable cause) {
        HeadlessChromium browser = chromium.get();
        if (browser != null && browser.driver instanceof ChromeDriver chrome) {
          try {
            Path dir = Files.createDirectories(Path.of("target", "browser-failures"));
            Files.write(
                dir.resolve(context.getRequiredTestMethod().getName() + ".png"),
                chrome.getScreenshotAs(OutputType.BYTES));
          } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
          }
        }
      }
    };
  }

  /** Quits the browser and its driver and removes the profile. */
  @Override
  public void close() throws IOException {
    driver.quit();
    try (var paths = Files.walk(profileDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

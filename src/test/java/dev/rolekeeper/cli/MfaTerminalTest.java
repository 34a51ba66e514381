package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rolekeeper mfa} in a real pseudo-terminal ({@code script(1)}), as a person runs it: it
 * asks the daemon what waits before asking for a code, names the device in the prompt, and reads
 * the code without echo; against a {@link StandInDaemon}.
 */
@ExtendWith(VertxExtension.class)
class MfaTerminalTest {

  private static final String TOKEN = "rk-control-mfa-terminal-test";
  private static final String DEVICE = "arn:aws:iam::111122223333:mfa/me";

  @TempDir Path home;

  private StandInDaemon daemon;

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void onePending_promptNamesTheDevice_theTypedCodeIsNotEchoedAndReachesTheDaemon(Vertx vertx)
      throws Exception {
    Path stateDir = daemon(vertx, new JsonArray().add(pending(DEVICE, "prod,prod-admin")));

    Process process = mfaInATerminal(stateDir);
    try {
      InputStream terminal = process.getInputStream();
      String prompt = readUntil(terminal, ": ");
      // Typed only once asked: what is typed before the prompt, the terminal echoes itself.
      process.getOutputStream().write("246810\n".getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String rest = new String(terminal.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(prompt).endsWith("MFA code for " + DEVICE + " (profiles prod,prod-admin): ");
      assertThat(prompt + rest).doesNotContain("246810");
      assertThat(rest).contains("code accepted for " + DEVICE).doesNotContain("warning");
      assertThat(daemon.requests())
          .containsExactly("GET /control/status ", "POST /control/mfa {\"code\":\"246810\"}");
      assertThat(process.exitValue()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void nothingPending_saysSo_withoutAskingForACode(Vertx vertx) throws Exception {
    Path stateDir = daemon(vertx, new JsonArray());

    Process process = mfaInATerminal(stateDir);
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String shown = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(shown).contains("no MFA code is pending").doesNotContain("MFA code for");
      assertThat(daemon.requests()).containsExactly("GET /control/status ");
      assertThat(process.exitValue()).isEqualTo(1);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void severalPending_noDevice_namesThemAndAsksForDevice(Vertx vertx) throws Exception {
    Path stateDir =
        daemon(
            vertx,
            new JsonArray()
                .add(pending(DEVICE, "prod"))
                .add(pending("arn:aws:iam::444455556666:mfa/me", "other")));

    Process process = mfaInATerminal(stateDir);
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String shown = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(shown)
          .contains("codes for several devices are pending", DEVICE, "--device ARN")
          .doesNotContain("MFA code for");
      assertThat(process.exitValue()).isEqualTo(1);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void noDaemon_saysHowToStartIt_withoutAskingForACode() throws Exception {
    Path emptyStateDir = privateDir(home.resolve("empty"));

    Process process = mfaInATerminal(emptyStateDir);
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String shown = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(shown).contains("rolekeeper is not running").doesNotContain("MFA code");
      assertThat(process.exitValue()).isEqualTo(1);
    } finally {
      process.destroyForcibly();
    }
  }

  private static JsonObject pending(String device, String profiles) {
    return new JsonObject()
        .put("device", device)
        .put("profiles", profiles)
        .put("reason", "session expires");
  }

  /** A stand-in daemon whose status lists {@code prompts} and which accepts any code. */
  private Path daemon(Vertx vertx, JsonArray prompts) throws Exception {
    daemon =
        StandInDaemon.start(
            vertx,
            home.resolve("state"),
            TOKEN,
            path ->
                new StandInDaemon.Answer(
                    200,
                    path.equals(DaemonClient.STATUS_PATH)
                        ? new JsonObject().put("mfaPrompts", prompts)
                        : new JsonObject()
                            .put("device", DEVICE)
                            .put("message", "code accepted for " + DEVICE)));
    return daemon.stateDir();
  }

  private static Path privateDir(Path dir) throws IOException {
    return Files.createDirectory(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /** {@code rolekeeper mfa --state-dir DIR} with a pseudo-terminal; -e passes its exit on. */
  private static Process mfaInATerminal(Path stateDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
            " ",
            quote(java),
            "-cp",
            quote(System.getProperty("java.class.path")),
            Main.class.getName(),
            "mfa",
            "--state-dir",
            quote(stateDir.toString()));
    return new ProcessBuilder("script", "-qec", command, "/dev/null")
        .redirectErrorStream(true)
        .start();
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** What the terminal showed up to and including {@code marker}; fails after a minute. */
  private static String readUntil(InputStream terminal, String marker) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              StringBuilder seen = new StringBuilder();
              try {
                int c;
                while (!seen.toString().endsWith(marker) && (c = terminal.read()) >= 0) {
                  seen.append((char) c);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return seen.toString();
            })
        .get(60, TimeUnit.SECONDS);
  }
}

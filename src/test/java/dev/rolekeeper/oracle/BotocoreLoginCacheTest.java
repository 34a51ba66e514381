package dev.rolekeeper.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.signin.LoginToken;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's oracle on the Python side: the newest botocore's own login provider ({@code
 * interop/botocore/login.py}, with botocore's awscrt key primitive stood in for by {@code
 * cryptography}) reads the console sign-in cache rolekeeper wrote, refreshes it against the
 * simulator's Sign-In service and signs STS calls with what it got; rolekeeper then reads the file
 * botocore rewrote, and what it writes back refreshes again.
 *
 * <p>Which botocore: the directory {@code BOTOCORE_LOGIN_PATH} names (put first on {@code
 * PYTHONPATH} of {@code /usr/bin/python3}, which needs {@code cryptography}), by default where
 * {@code .ci/botocore-sid} unpacks Debian sid's python3-botocore. Either missing, the test is
 * skipped; under {@code CI=true} ({@code .ci/run} installs both) it fails.
 */
@ExtendWith(VertxExtension.class)
class BotocoreLoginCacheTest {

  static final Path PATH =
      Path.of(
          System.getenv()
              .getOrDefault(
                  "BOTOCORE_LOGIN_PATH",
                  System.getProperty("user.home")
                      + "/.cache/rolekeeper-ci/botocore-sid/usr/lib/python3/dist-packages"));

  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path dir;

  private ConsoleSession session;

  @AfterEach
  void stop() throws Exception {
    if (session != null) {
      session.stop();
    }
  }

  @Test
  void botocore_cacheRolekeeperWroteAboutToExpire_refreshesAndRolekeeperReadsWhatItWrote(
      Vertx vertx) throws Exception {
    boolean present =
        Files.isRegularFile(PATH.resolve("botocore/credentials.py")) && Files.isExecutable(PYTHON);
    if (!present) {
      assertThat("true".equals(System.getenv("CI")))
          .as("under CI=true, .ci/botocore-sid must have unpacked botocore to " + PATH)
          .isFalse();
      Assumptions.abort(
          "no botocore at " + PATH + " (run .ci/botocore-sid, or set BOTOCORE_LOGIN_PATH)");
    }
    // Inside botocore's refresh window (5 minutes) but not yet expired: botocore must refresh.
    session = ConsoleSession.start(vertx, dir, Instant.now().plusSeconds(120));

    JsonObject first = refreshedByBotocore(session.written, 2);

    // botocore's form: whole seconds, every field it does not manage kept.
    JsonObject file = session.file();
    String expiresAt = file.getJsonObject("accessToken").getString("expiresAt");
    assertThat(expiresAt).matches(".*T\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(file.getString("idToken")).isEqualTo(session.written.idToken());
    LoginToken read = session.cache.read(session.loginSession).orElseThrow();
    assertThat(read.credentials().accessKeyId()).isEqualTo(first.getString("accessKeyId"));
    assertThat(read.credentials().expiration())
        .isEqualTo(Instant.parse(expiresAt))
        .isAfter(Instant.now().plusSeconds(600));
    assertThat(read.credentials().accountId()).isEqualTo(session.written.credentials().accountId());
    assertThat(read.refreshToken()).isNotEqualTo(session.written.refreshToken());
    assertThat(read.idToken()).isEqualTo(session.written.idToken());
    assertThat(read.clientId()).isEqualTo(ConsoleSession.CLIENT);
    assertThat(read.dpopKey()).isEqualTo(session.written.dpopKey());

    // What rolekeeper writes back (the rotated token, the same key) is good for the next refresh.
    LoginToken rewritten = session.rewriteExpiring(Instant.now().minusSeconds(60));
    refreshedByBotocore(rewritten, 3);
    assertThat(session.cache.read(session.loginSession).orElseThrow().refreshToken())
        .isNotEqualTo(rewritten.refreshToken());
  }

  /**
   * Runs the driver and asserts botocore refreshed {@code before} (the {@code calls}-th token call)
   * and that its credentials work; returns its report.
   */
  private JsonObject refreshedByBotocore(LoginToken before, int calls) throws Exception {
    Map<String, String> env = new LinkedHashMap<>(session.environment());
    env.put("PYTHONPATH", PATH.toString());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    ClientProcess.Outcome outcome =
        ClientProcess.run(
            List.of(PYTHON.toString(), "interop/botocore/login.py", ConsoleSession.PROFILE),
            env,
            dir.resolve("botocore"));

    if (!outcome.ok()
        && outcome.errors().contains("No module named 'cryptography'")
        && !"true".equals(System.getenv("CI"))) {
      Assumptions.abort("/usr/bin/python3 has no cryptography (apt install python3-cryptography)");
    }
    assertThat(outcome.ok()).as("botocore's driver: %s", outcome).isTrue();
    JsonObject report = outcome.report();
    System.out.println("botocore " + report.getString("botocore") + " from " + PATH);
    assertThat(report.getString("botocoreFile")).startsWith(PATH.toString());
    assertThat(version(report.getString("botocore")))
        .as("botocore %s has the login provider", report.getString("botocore"))
        .isGreaterThanOrEqualTo(1_041_000);
    assertThat(session.tokenCalls()).as("botocore's refresh").isEqualTo(calls);
    assertThat(report.getString("accessKeyId"))
        .startsWith("ASIA")
        .isNotEqualTo(before.credentials().accessKeyId());
    assertThat(report.getString("arn")).isEqualTo(session.loginSession);
    return report;
  }

  /** 1.43.117 → 1_043_117. */
  private static int version(String dotted) {
    String[] parts = dotted.split("\\.");
    return Integer.parseInt(parts[0]) * 1_000_000
        + Integer.parseInt(parts[1]) * 1_000
        + Integer.parseInt(parts[2].replaceAll("\\D.*", ""));
  }
}

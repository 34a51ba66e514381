package dev.rolekeeper.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.signin.LoginToken;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's oracle on the Java side: the AWS SDK for Java v2's own login credentials provider, in
 * a child JVM, reads the console sign-in cache rolekeeper wrote, refreshes it against the
 * simulator's Sign-In service (its DPoP proof signed with the key rolekeeper stored) and gets
 * credentials STS accepts; rolekeeper then reads the file the SDK rewrote, and what it writes back
 * refreshes again.
 */
@ExtendWith(VertxExtension.class)
class JavaSdkLoginCacheTest {

  @TempDir Path dir;

  private ConsoleSession session;

  @AfterEach
  void stop() throws Exception {
    if (session != null) {
      session.stop();
    }
  }

  @Test
  void javaSdk_expiredCacheRolekeeperWrote_refreshesAndRolekeeperReadsWhatItWrote(Vertx vertx)
      throws Exception {
    session = ConsoleSession.start(vertx, dir, Instant.now().minusSeconds(60));
    assertThat(session.tokenCalls()).as("the sign-in").isEqualTo(1);

    JsonObject first = refreshedBySdk(session.written, 2);

    // The SDK's form: fractional seconds, identityToken only, the rotated refresh token.
    JsonObject file = session.file();
    String expiresAt = file.getJsonObject("accessToken").getString("expiresAt");
    assertThat(expiresAt).matches(".*T\\d\\d:\\d\\d:\\d\\d\\.\\d+Z");
    assertThat(file.containsKey("idToken")).as("the SDK drops the CLI's idToken").isFalse();
    LoginToken read = session.cache.read(session.loginSession).orElseThrow();
    assertThat(read.credentials().accessKeyId()).isEqualTo(first.getString("accessKeyId"));
    assertThat(read.credentials().expiration()).isEqualTo(Instant.parse(expiresAt));
    assertThat(read.credentials().accountId()).isEqualTo(session.written.credentials().accountId());
    assertThat(read.refreshToken())
        .isEqualTo(file.getString("refreshToken"))
        .isNotEqualTo(session.written.refreshToken());
    assertThat(read.idToken()).isEqualTo(session.written.idToken());
    assertThat(read.clientId()).isEqualTo(ConsoleSession.CLIENT);
    assertThat(read.dpopKey()).isEqualTo(session.written.dpopKey());

    // What rolekeeper writes back (the rotated token, the same key) is good for the next refresh.
    LoginToken rewritten = session.rewriteExpiring(Instant.now().plusSeconds(60));
    refreshedBySdk(rewritten, 3);
    assertThat(session.cache.read(session.loginSession).orElseThrow().refreshToken())
        .isNotEqualTo(rewritten.refreshToken());
  }

  /**
   * Runs the SDK in a child JVM and asserts it refreshed {@code before} (the {@code calls}-th token
   * call) and that its credentials work; returns its report.
   */
  private JsonObject refreshedBySdk(LoginToken before, int calls) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Dslf4j.provider=org.slf4j.helpers.NOP_SLF4JServiceProvider",
            "-cp",
            System.getProperty("java.class.path"),
            JavaLoginChild.class.getName(),
            ConsoleSession.PROFILE);
    ClientProcess.Outcome outcome =
        ClientProcess.run(command, session.environment(), dir.resolve("java"));

    assertThat(outcome.ok()).as("the SDK's child JVM: %s", outcome).isTrue();
    JsonObject report = outcome.report();
    assertThat(session.tokenCalls()).as("the SDK's refresh").isEqualTo(calls);
    assertThat(report.getString("accessKeyId"))
        .startsWith("ASIA")
        .isNotEqualTo(before.credentials().accessKeyId());
    assertThat(Instant.parse(report.getString("expiration")))
        .isAfter(Instant.now().plus(Duration.ofMinutes(10)));
    assertThat(report.getString("arn")).isEqualTo(session.loginSession);
    return report;
  }
}

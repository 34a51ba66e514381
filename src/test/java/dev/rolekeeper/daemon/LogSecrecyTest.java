package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.http.Http;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.Fault;
import dev.rolekeeper.sandbox.Totp;
import dev.rolekeeper.session.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A full run — start, MFA prompt and code, SDK-style requests on both ports, refused requests, STS
 * faults, refreshes, stop — with every logger at DEBUG, then a search of every log line for every
 * secret that went by.
 */
@ExtendWith(VertxExtension.class)
class LogSecrecyTest {

  @TempDir Path home;

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger root;
  private Level savedLevel;
  private Http http;

  @BeforeEach
  void captureLogs(Vertx vertx) {
    root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    savedLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    appender.start();
    root.addAppender(appender);
    http = new Http(vertx);
  }

  @AfterEach
  void restore() {
    root.detachAppender(appender);
    root.setLevel(savedLevel);
  }

  @Test
  void fullRun_withMfaFaultsAndRefusals_logsNoSecret(Vertx vertx) throws Exception {
    List<String> profiles =
        List.of(DemoAccount.MFA_PROFILE, DemoAccount.DEV_PROFILE, DemoAccount.READONLY_PROFILE);
    RunningDaemon running =
        RunningDaemon.prepare(vertx, home, profiles, Map.of(RunningDaemon.IMDS_ENABLED, "true"));
    running.simulator.sessionSecondsOverride(2);
    running.startDaemon(vertx);
    Set<String> secrets = ConcurrentHashMap.newKeySet();
    running
        .daemon
        .sessions()
        .addListener((profile, credentials) -> addSecrets(secrets, credentials));
    String control = running.daemon.tokens().controlToken();
    String client = running.daemon.tokens().clientToken(List.of(DemoAccount.DEV_PROFILE)).token();
    secrets.add(control);
    secrets.add(client);
    running.account.config().users().forEach(u -> secrets.add(u.secretAccessKey()));
    secrets.add(running.account.mfaSecret());
    int port = running.daemon.port();

    // A wrong code, then the right one, over the route `rolekeeper mfa` uses.
    await(
        Eventually.until(
            vertx,
            () -> !running.daemon.parts().mfa().prompts().pending().isEmpty(),
            Duration.ofSeconds(10)));
    await(postJson(port, "/control/mfa", control, new JsonObject().put("code", "000000")));
    String code = Totp.generate(running.account.mfaSecret(), Instant.now());
    secrets.add(code);
    await(postJson(port, "/control/mfa", control, new JsonObject().put("code", code)));
    // Requests that succeed and requests that are refused, on both ports.
    for (String profile : profiles) {
      await(http.get(port, "/v1/credentials/" + profile, "Authorization", control));
    }
    await(http.get(port, "/v1/credentials/" + DemoAccount.MFA_PROFILE, "Authorization", client));
    await(
        http.get(
            port, "/v1/credentials/" + DemoAccount.DEV_PROFILE, "Authorization", client + "x"));
    String imdsToken =
        await(
                http.put(
                    running.daemon.imdsPort(),
                    "/latest/api/token",
                    "X-aws-ec2-metadata-token-ttl-seconds",
                    "60"))
            .body();
    secrets.add(imdsToken);
    await(
        http.get(
            running.daemon.imdsPort(),
            "/latest/meta-data/iam/security-credentials/" + DemoAccount.MFA_PROFILE,
            "X-aws-ec2-metadata-token",
            imdsToken));
    // STS trouble during refreshes, then recovery.
    running.simulator.failNext(Fault.THROTTLE, 2);
    running.simulator.failNext(Fault.MALFORMED_XML, 1);
    await(
        Eventually.until(
            vertx, () -> running.simulator.calls("AssumeRole") > 12, Duration.ofSeconds(20)));
    await(running.daemon.sessions().status());
    for (String profile : profiles) {
      addSecrets(secrets, running.currentCredentialsOrNull(profile));
    }
    running.stop();

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      lines.add(
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
    assertThat(lines).hasSizeGreaterThan(20);
    assertThat(secrets).hasSizeGreaterThan(15);
    for (String secret : secrets) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
    }
  }

  private static void addSecrets(Set<String> secrets, AwsCredentials credentials) {
    if (credentials != null) {
      secrets.add(credentials.secretAccessKey());
      secrets.add(credentials.sessionToken());
    }
  }

  private Future<Http.Reply> postJson(int port, String path, String token, JsonObject body) {
    return http.post(
        port, path, body.encode(), "Authorization", token, "Content-Type", "application/json");
  }
}

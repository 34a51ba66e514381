package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No token, secret key or session token in any log line, at DEBUG, over a run of good and bad
 * requests.
 */
@ExtendWith(VertxExtension.class)
class LogRedactionTest {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level savedLevel;

  @BeforeEach
  void capture() {
    savedLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void release() {
    root.detachAppender(appender);
    root.setLevel(savedLevel);
  }

  @Test
  void requestRun_logsNoSecret(Vertx vertx, VertxTestContext ctx, @TempDir Path state) {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    AwsCredentials prod = sessions.serve("prod");
    AwsCredentials imds = sessions.serve(RunningEndpoint.IMDS_PROFILE);
    sessions.set(
        "dev",
        new Lookup.Available(
            FakeSessionDirectory.credentials("dev", Instant.now().minusSeconds(1))));
    List<String> secrets = new ArrayList<>();
    RunningEndpoint.start(vertx, state, sessions)
        .compose(endpoint -> run(endpoint, secrets))
        .onComplete(
            ctx.succeeding(
                done ->
                    ctx.verify(
                        () -> {
                          secrets.addAll(
                              List.of(
                                  prod.secretAccessKey(),
                                  prod.sessionToken(),
                                  imds.secretAccessKey(),
                                  imds.sessionToken(),
                                  "secret/dev",
                                  "session-token-of-dev"));
                          assertThat(appender.list).isNotEmpty();
                          for (ILoggingEvent event : appender.list) {
                            String line =
                                event.getFormattedMessage()
                                    + (event.getThrowableProxy() == null
                                        ? ""
                                        : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                            for (String secret : secrets) {
                              assertThat(line)
                                  .as("log line of %s", event.getLoggerName())
                                  .doesNotContain(secret);
                            }
                          }
                          ctx.completeNow();
                        })));
  }

  private static Future<Void> run(RunningEndpoint endpoint, List<String> secrets) {
    Http http = endpoint.http();
    int port = endpoint.port();
    secrets.add(endpoint.control());
    return http.get(port, "/v1/credentials/prod", "Authorization", endpoint.control())
        .compose(
            r ->
                http.get(
                    port, "/v1/credentials/prod", "Authorization", "wrong-" + endpoint.control()))
        .compose(r -> http.get(port, "/v1/credentials/dev", "Authorization", endpoint.control()))
        .compose(
            r ->
                http.post(
                    port,
                    "/control/tokens",
                    "{\"profiles\":[\"prod\"]}",
                    "Authorization",
                    endpoint.control()))
        .compose(
            r -> {
              String client = r.json().getString("token");
              secrets.add(client);
              return http.get(port, "/v1/credentials/dev", "Authorization", client);
            })
        .compose(
            r ->
                http.post(port, "/control/refresh/prod", null, "Authorization", endpoint.control()))
        .compose(r -> http.get(port, "/control/status", "Authorization", endpoint.control()))
        .compose(
            r ->
                http.get(
                    port,
                    "/v1/credentials/prod",
                    "Authorization",
                    endpoint.control(),
                    "Origin",
                    "x"))
        .compose(r -> endpoint.imdsToken())
        .compose(
            token -> {
              secrets.add(token);
              return http.get(
                  endpoint.imdsPort(),
                  "/latest/meta-data/iam/security-credentials/imds-role",
                  ImdsTokens.TOKEN_HEADER,
                  token);
            })
        .compose(
            r ->
                http.get(
                    endpoint.imdsPort(),
                    "/latest/meta-data/iam/info",
                    ImdsTokens.TOKEN_HEADER,
                    "bad"))
        .mapEmpty();
  }
}

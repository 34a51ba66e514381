package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rolekeeper.listen.PeerGate;
import dev.rolekeeper.os.OtherUser;
import dev.rolekeeper.os.UnixUsers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Another local user, a real second Unix account running curl, gets nothing from any port of an
 * endpoint this user runs, not even with the right token; this user still gets everything; and a
 * user named in {@code listen.allowUsers} is admitted.
 */
@ExtendWith(VertxExtension.class)
class OtherUsersTest {

  @TempDir Path state;

  @Test
  void otherUser_everyPortAndRoute_connectionClosedWithoutAnswer(Vertx vertx) throws Exception {
    OtherUser other = OtherUser.require();
    RunningEndpoint endpoint = start(vertx, Set.of());
    String imdsToken = await(endpoint.imdsToken());

    List<List<String>> calls = calls(endpoint, imdsToken);
    // the MFA page's path (no page is pending here: the owner would get 404)
    calls.add(curl("http://127.0.0.1:" + endpoint.port() + "/mfa/0123456789abcdef"));
    for (List<String> call : calls) {
      OtherUser.Result result = other.run(call.toArray(String[]::new));
      assertThat(result.exit())
          .as("curl as %s: %s (out %s)", OtherUser.NAME, call, result.out())
          .isIn(52, 56);
      assertThat(result.out()).doesNotContain("secret/").doesNotContain("AccessKeyId");
    }
  }

  @Test
  void otherUser_refusedTwice_oneWarningNamingTheUserAndTheSetting(Vertx vertx) throws Exception {
    OtherUser other = OtherUser.require();
    RunningEndpoint endpoint = start(vertx, Set.of());
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger gate = (Logger) LoggerFactory.getLogger(PeerGate.class);
    log.start();
    gate.addAppender(log);
    try {
      String url = "http://127.0.0.1:" + endpoint.imdsPort() + "/latest/api/token";
      for (int i = 0; i < 2; i++) {
        assertThat(other.run(curl("-X", "PUT", url).toArray(String[]::new)).exit()).isIn(52, 56);
      }
    } finally {
      gate.detachAppender(log);
    }

    assertThat(log.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .contains(
                      "refused a connection from user "
                          + OtherUser.NAME
                          + " (uid "
                          + other.uid()
                          + ") on port "
                          + endpoint.imdsPort())
                  .contains("see listen.allowUsers");
            });
  }

  @Test
  void owner_sameCalls_areAnswered(Vertx vertx) throws Exception {
    OtherUser.require();
    RunningEndpoint endpoint = start(vertx, Set.of());
    String imdsToken = await(endpoint.imdsToken());

    Http.Reply container =
        await(
            endpoint
                .http()
                .get(endpoint.port(), "/v1/credentials/prod", "Authorization", endpoint.control()));
    Http.Reply imds =
        await(
            endpoint
                .http()
                .get(
                    endpoint.imdsPort(),
                    "/latest/meta-data/iam/security-credentials/" + RunningEndpoint.IMDS_PROFILE,
                    ImdsTokens.TOKEN_HEADER,
                    imdsToken));

    assertThat(container.status()).isEqualTo(200);
    assertThat(container.body()).contains("AccessKeyId");
    assertThat(imds.status()).isEqualTo(200);
    assertThat(imds.body()).contains("AccessKeyId");
    Http.Reply status =
        await(
            endpoint
                .http()
                .get(endpoint.port(), "/control/status", "Authorization", endpoint.control()));
    assertThat(status.json().getString("otherUsers"))
        .isEqualTo(
            "other local users: refused (kernel socket diagnostics); only "
                + UnixUsers.describe(OtherUser.ownUid())
                + " admitted");
    // and as root through curl, the same program the other user was refused with
    for (List<String> call : calls(endpoint, imdsToken)) {
      Process curl = new ProcessBuilder(call).redirectErrorStream(true).start();
      assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(curl.exitValue()).as("curl as the owner: %s", call).isZero();
    }
  }

  @Test
  void allowedUser_containerAndImds_isAnswered(Vertx vertx) throws Exception {
    OtherUser other = OtherUser.require();
    RunningEndpoint endpoint = start(vertx, Set.of(other.uid()));

    OtherUser.Result container =
        other.run(
            "curl",
            "-sS",
            "-H",
            "Authorization: " + endpoint.control(),
            "http://127.0.0.1:" + endpoint.port() + "/v1/credentials/prod");
    OtherUser.Result token =
        other.run(
            "curl",
            "-sS",
            "-X",
            "PUT",
            "-H",
            "X-aws-ec2-metadata-token-ttl-seconds: 60",
            "http://127.0.0.1:" + endpoint.imdsPort() + "/latest/api/token");

    assertThat(container.exit()).isZero();
    assertThat(container.out()).contains("AccessKeyId");
    assertThat(token.exit()).isZero();
    assertThat(token.out()).isNotBlank();
  }

  private RunningEndpoint start(Vertx vertx, Set<Integer> allow) throws Exception {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("prod");
    sessions.serve(RunningEndpoint.IMDS_PROFILE);
    return await(RunningEndpoint.start(vertx, state, sessions, allow));
  }

  /** curl, failing on HTTP errors, for each port and kind of route. */
  private static List<List<String>> calls(RunningEndpoint endpoint, String imdsToken) {
    String main = "http://127.0.0.1:" + endpoint.port();
    String imds = "http://127.0.0.1:" + endpoint.imdsPort();
    List<List<String>> calls = new ArrayList<>();
    calls.add(curl("-H", "Authorization: " + endpoint.control(), main + "/v1/credentials/prod"));
    calls.add(curl("-H", "Authorization: " + endpoint.control(), main + "/control/status"));
    calls.add(
        curl(
            "-X",
            "POST",
            "-H",
            "Authorization: " + endpoint.control(),
            "-H",
            "Content-Type: application/json",
            "--data",
            "{\"profiles\":[\"prod\"]}",
            main + "/control/tokens"));
    calls.add(
        curl(
            "-X",
            "PUT",
            "-H",
            "X-aws-ec2-metadata-token-ttl-seconds: 60",
            imds + "/latest/api/token"));
    calls.add(
        curl(
            "-H",
            ImdsTokens.TOKEN_HEADER + ": " + imdsToken,
            imds + "/latest/meta-data/iam/security-credentials/" + RunningEndpoint.IMDS_PROFILE));
    return calls;
  }

  private static List<String> curl(String... args) {
    List<String> line = new ArrayList<>(List.of("curl", "-sS", "--fail", "--max-time", "10"));
    line.addAll(List.of(args));
    return line;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

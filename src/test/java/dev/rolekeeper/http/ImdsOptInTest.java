package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.daemon.ImdsChoice;
import dev.rolekeeper.daemon.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMDS is opt-in: off, no port is opened at all; on, it serves one named (or the only) profile, or
 * no role with the fix spelled out; {@code /control/status} says which, over real HTTP.
 */
@ExtendWith(VertxExtension.class)
class ImdsOptInTest {

  @TempDir Path state;

  @Test
  void off_nothingListensOnTheImdsPortAndStatusSaysOff(Vertx vertx) throws Exception {
    int imdsPort = freePort();
    EndpointVerticle verticle =
        RunningEndpoint.verticle(
            new EndpointOptions(
                new EndpointOptions.Listen("127.0.0.1", 0, imdsPort),
                ImdsChoice.off(),
                "eu-west-1",
                EndpointOptions.ConnectionTimeouts.DEFAULT,
                Set.of()),
            new FakeSessionDirectory(),
            TokenStore.open(state));
    await(vertx.deployVerticle(verticle));

    assertThat(verticle.actualImdsPort()).isZero();
    assertThatThrownBy(() -> connect(imdsPort)).isInstanceOf(ConnectException.class);
    JsonObject imds = status(vertx, verticle.actualPort(), TokenStore.open(state));
    assertThat(imds.getBoolean("enabled")).isFalse();
    assertThat(imds.getValue("port")).isNull();
    assertThat(imds.getValue("profile")).isNull();
    assertThat(imds.getString("summary"))
        .isEqualTo("IMDS is off (imds.enabled: false): no IMDS port is open");
  }

  @Test
  void onWithANamedProfile_servesItAndStatusWarnsWhoCanReadIt(Vertx vertx) throws Exception {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("dev");
    sessions.serve("prod");
    RunningEndpoint endpoint =
        await(RunningEndpoint.start(vertx, state, sessions, ImdsChoice.serve("dev")));

    assertThat(await(imdsGet(endpoint, "/latest/meta-data/iam/security-credentials/")).body())
        .isEqualTo("dev");
    JsonObject imds = status(vertx, endpoint.port(), endpoint.tokens());
    assertThat(imds.getBoolean("enabled")).isTrue();
    assertThat(imds.getInteger("port")).isEqualTo(endpoint.imdsPort());
    assertThat(imds.getString("profile")).isEqualTo("dev");
    assertThat(imds.getString("summary"))
        .isEqualTo(
            "IMDS is on: any process of this user can read profile dev's credentials from"
                + " 127.0.0.1:"
                + endpoint.imdsPort()
                + " without a token");
  }

  @Test
  void onWithSeveralServedAndNoneNamed_servesNoRoleAndEveryRoleRouteNamesTheChoices(Vertx vertx)
      throws Exception {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    String secret = sessions.serve("a").secretAccessKey();
    sessions.serve("b");
    sessions.serve("c");
    ImdsChoice choice = ImdsChoice.of(true, Optional.empty(), List.of("a", "b", "c"));
    RunningEndpoint endpoint = await(RunningEndpoint.start(vertx, state, sessions, choice));

    for (String path :
        List.of(
            "/latest/meta-data/iam/security-credentials/",
            "/latest/meta-data/iam/security-credentials-extended/",
            "/latest/meta-data/iam/security-credentials/a",
            "/latest/meta-data/iam/info")) {
      Http.Reply reply = await(imdsGet(endpoint, path));
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.json().getString("code")).as(path).isEqualTo("NoRole");
      assertThat(reply.json().getString("message"))
          .as(path)
          .endsWith("set imds.profile to one of: a, b, c")
          .doesNotContain(secret);
    }
    JsonObject imds = status(vertx, endpoint.port(), endpoint.tokens());
    assertThat(imds.getBoolean("enabled")).isTrue();
    assertThat(imds.getValue("profile")).isNull();
    assertThat(imds.getString("summary"))
        .startsWith("IMDS is on at 127.0.0.1:" + endpoint.imdsPort() + " but serves no role: ")
        .endsWith("set imds.profile to one of: a, b, c");
  }

  @Test
  void turnedOffWhileListening_servesNoRoleAtOnceAndSaysThePortClosesAtRestart(Vertx vertx)
      throws Exception {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("dev");
    RunningEndpoint endpoint =
        await(RunningEndpoint.start(vertx, state, sessions, ImdsChoice.serve("dev")));

    endpoint.verticle().imdsRole().set(ImdsChoice.off());

    Http.Reply reply = await(imdsGet(endpoint, "/latest/meta-data/iam/security-credentials/dev"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().getString("message")).contains("imds.enabled: false");
    assertThat(status(vertx, endpoint.port(), endpoint.tokens()).getString("summary"))
        .contains("serves no role now")
        .contains("closes when rolekeeper restarts");
  }

  private static Future<Http.Reply> imdsGet(RunningEndpoint endpoint, String path) {
    return endpoint
        .imdsToken()
        .compose(
            token ->
                endpoint.http().get(endpoint.imdsPort(), path, ImdsTokens.TOKEN_HEADER, token));
  }

  private static JsonObject status(Vertx vertx, int port, TokenStore tokens) throws Exception {
    Http.Reply reply =
        await(new Http(vertx).get(port, "/control/status", "Authorization", tokens.controlToken()));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().getJsonObject("imds");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void connect(int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

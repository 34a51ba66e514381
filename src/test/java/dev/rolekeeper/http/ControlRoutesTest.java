package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The control routes on the main port, with the control token. */
@ExtendWith(VertxExtension.class)
class ControlRoutesTest {

  private RunningEndpoint endpoint;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx, @TempDir Path state) {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("prod");
    sessions.serve("dev");
    RunningEndpoint.start(vertx, state, sessions)
        .onComplete(
            ctx.succeeding(
                running -> {
                  endpoint = running;
                  ctx.completeNow();
                }));
  }

  @Test
  void status_withControlToken_listsEveryProfileWithIsoInstants(VertxTestContext ctx) {
    endpoint
        .http()
        .get(endpoint.port(), "/control/status", "Authorization", "Bearer " + endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          JsonArray profiles = reply.json().getJsonArray("profiles");
                          assertThat(profiles).hasSize(2);
                          JsonObject first = profiles.getJsonObject(0);
                          assertThat(first.getString("state")).isEqualTo("Fresh");
                          assertThat(Instant.parse(first.getString("expiration")))
                              .isAfter(Instant.now());
                          assertThat(first.containsKey("nextRefresh")).isTrue();
                          assertThat(reply.body())
                              .doesNotContain("secret/")
                              .doesNotContain("session-token");
                          ctx.completeNow();
                        })));
  }

  @Test
  void refresh_whenSessionRefreshes_answersProfileAndNewExpiration(VertxTestContext ctx) {
    AwsCredentials next =
        FakeSessionDirectory.credentials("prod", Instant.parse("2030-01-02T03:04:05.678Z"));
    endpoint.sessions().onRefresh("prod", next);
    endpoint
        .http()
        .post(endpoint.port(), "/control/refresh/prod", null, "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.json().getString("profile")).isEqualTo("prod");
                          assertThat(reply.json().getString("expiration"))
                              .isEqualTo("2030-01-02T03:04:05Z");
                          assertThat(endpoint.sessions().refreshCount()).isEqualTo(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  void refresh_whenRefreshFailsButOldCredentialsStand_is502(VertxTestContext ctx) {
    endpoint
        .http()
        .post(endpoint.port(), "/control/refresh/prod", null, "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(502);
                          assertThat(reply.code()).isEqualTo("RefreshFailed");
                          assertThat(reply.json().getString("message")).contains("prod");
                          ctx.completeNow();
                        })));
  }

  @Test
  void refresh_whenSessionHasNoCredentials_is503WithItsReason(VertxTestContext ctx) {
    endpoint
        .sessions()
        .set(
            "prod",
            new Lookup.Unavailable("MfaRequired", "enter a code for arn:aws:iam::1:mfa/me"));
    endpoint
        .http()
        .post(endpoint.port(), "/control/refresh/prod", null, "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(503);
                          assertThat(reply.code()).isEqualTo("MfaRequired");
                          ctx.completeNow();
                        })));
  }

  @Test
  void refresh_ofUnknownProfile_is404WithoutRefreshing(VertxTestContext ctx) {
    endpoint
        .http()
        .post(endpoint.port(), "/control/refresh/nope", null, "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(404);
                          assertThat(reply.json().getString("message"))
                              .isEqualTo(ErrorReply.notServed("nope"));
                          assertThat(endpoint.sessions().refreshCount()).isZero();
                          ctx.completeNow();
                        })));
  }

  @Test
  void tokens_askedTwiceForSameScope_answerSameTokenAndFile(VertxTestContext ctx) {
    Http http = endpoint.http();
    http.post(
            endpoint.port(),
            "/control/tokens",
            "{\"profiles\":[\"prod\",\"dev\"]}",
            "Authorization",
            endpoint.control())
        .compose(
            first ->
                http.post(
                        endpoint.port(),
                        "/control/tokens",
                        "{\"profiles\":[\"dev\",\"prod\"]}",
                        "Authorization",
                        endpoint.control())
                    .map(second -> List.of(first, second)))
        .onComplete(
            ctx.succeeding(
                replies ->
                    ctx.verify(
                        () -> {
                          JsonObject first = replies.get(0).json();
                          assertThat(replies.get(0).status()).isEqualTo(200);
                          assertThat(replies.get(1).json()).isEqualTo(first);
                          Path file = Path.of(first.getString("tokenFile"));
                          assertThat(file).isAbsolute().hasFileName("dev+prod.token");
                          assertThat(Files.readString(file)).isEqualTo(first.getString("token"));
                          assertThat(first.getString("token")).isNotEqualTo(endpoint.control());
                          ctx.completeNow();
                        })));
  }

  @Test
  void tokens_issuedToken_readsItsProfileOnly(VertxTestContext ctx) {
    Http http = endpoint.http();
    http.post(
            endpoint.port(),
            "/control/tokens",
            "{\"profiles\":[\"dev\"]}",
            "Authorization",
            endpoint.control())
        .map(reply -> reply.json().getString("token"))
        .compose(
            token ->
                http.get(endpoint.port(), "/v1/credentials/dev", "Authorization", token)
                    .compose(
                        dev ->
                            http.get(
                                    endpoint.port(), "/v1/credentials/prod", "Authorization", token)
                                .map(prod -> List.of(dev, prod))))
        .onComplete(
            ctx.succeeding(
                replies ->
                    ctx.verify(
                        () -> {
                          assertThat(replies.get(0).status()).isEqualTo(200);
                          assertThat(replies.get(1).status()).isEqualTo(403);
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "{}",
        "{\"profiles\":[]}",
        "{\"profiles\":[1]}",
        "{\"profiles\":\"prod\"}",
        "[\"prod\"]"
      })
  void tokens_withBadBody_is400(String body, VertxTestContext ctx) {
    endpoint
        .http()
        .post(endpoint.port(), "/control/tokens", body, "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(400);
                          assertThat(reply.code()).isEqualTo("BadRequest");
                          ctx.completeNow();
                        })));
  }

  @Test
  void tokens_forUnservedProfile_is404NamingIt(VertxTestContext ctx) {
    endpoint
        .http()
        .post(
            endpoint.port(),
            "/control/tokens",
            "{\"profiles\":[\"prod\",\"ghost\"]}",
            "Authorization",
            endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(404);
                          assertThat(reply.json().getString("message")).contains("ghost");
                          ctx.completeNow();
                        })));
  }
}

package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container route's quick answer takes only plain profile paths; every other spelling goes to
 * the router, which decodes it and applies the same token scope.
 */
@ExtendWith(VertxExtension.class)
class ContainerFastPathTest {

  private RunningEndpoint endpoint;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx, @TempDir Path state) {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("dev");
    sessions.serve("prod");
    RunningEndpoint.start(vertx, state, sessions)
        .onComplete(
            ctx.succeeding(
                running -> {
                  endpoint = running;
                  ctx.completeNow();
                }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "bench-01", "team.a_b", "...x"})
  void plainProfile_ofPlainName_isTheName(String name) {
    assertThat(ContainerFastPath.plainProfile("/v1/credentials/" + name)).isEqualTo(name);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "/v1/credentials/",
        "/v1/credentials/.",
        "/v1/credentials/..",
        "/v1/credentials/dev/",
        "/v1/credentials/a/b",
        "/v1/credentials/%64ev",
        "/v1/credentials/a+b",
        "/v1/credentials/a b",
        "/v1/credentialsdev",
        "//v1/credentials/dev",
        "/control/status"
      })
  void plainProfile_ofPathTheRouterMustDecide_isNull(String path) {
    assertThat(ContainerFastPath.plainProfile(path)).isNull();
  }

  @Test
  void escapedProfileName_isServedByTheRouterLikeThePlainName(VertxTestContext ctx) {
    String token = endpoint.tokens().clientToken(List.of("dev")).token();
    Http http = endpoint.http();
    http.get(endpoint.port(), "/v1/credentials/dev", "Authorization", token)
        .compose(
            plain ->
                http.get(endpoint.port(), "/v1/credentials/%64ev", "Authorization", token)
                    .map(escaped -> List.of(plain, escaped)))
        .onComplete(
            ctx.succeeding(
                replies ->
                    ctx.verify(
                        () -> {
                          assertThat(replies.get(0).status()).isEqualTo(200);
                          assertThat(replies.get(1).status()).isEqualTo(200);
                          assertThat(replies.get(1).body()).isEqualTo(replies.get(0).body());
                          ctx.completeNow();
                        })));
  }

  @Test
  void escapedNameOfAnotherProfile_withScopedToken_is403(VertxTestContext ctx) {
    String token = endpoint.tokens().clientToken(List.of("dev")).token();
    endpoint
        .http()
        .get(endpoint.port(), "/v1/credentials/%70rod", "Authorization", token)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(403);
                          assertThat(reply.code()).isEqualTo("TokenNotAllowed");
                          assertThat(reply.body()).doesNotContain("ASIAPROD");
                          ctx.completeNow();
                        })));
  }
}

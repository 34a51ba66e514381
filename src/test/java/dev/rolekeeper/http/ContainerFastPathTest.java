package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.daemon.ImdsChoice;
import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.daemon.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  @Test
  void guardAddedToTheList_refusesOnTheFastPathAndInTheRouter(Vertx vertx, VertxTestContext ctx) {
    TokenStore tokens = endpoint.tokens();
    EndpointOptions options = RunningEndpoint.loopback(ImdsChoice.off(), "eu-west-1");
    RequestCheck teapots =
        (request, profile) ->
            request.getHeader("X-Teapot") == null
                ? Optional.empty()
                : Optional.of(new RequestCheck.Refusal(418, "Teapot", "no teapots"));
    List<RequestCheck> guards = new ArrayList<>(Routes.MAIN_GUARDS);
    guards.add(teapots);
    Routes routes =
        new Routes(
            vertx,
            options,
            endpoint.sessions(),
            tokens,
            ImdsTokens.create(),
            new ImdsRole(options.imds(), "h"));
    String token = tokens.clientToken(List.of("dev")).token();
    Http http = new Http(vertx);
    vertx
        .createHttpServer()
        .requestHandler(routes.mainRequests(EndpointAddOns.none(), "", guards))
        .listen(0, "127.0.0.1")
        .compose(
            server ->
                Future.all(
                    http.get(server.actualPort(), "/v1/credentials/dev", "Authorization", token),
                    // the plain path is the fast path's; the escaped one only the router takes
                    http.get(
                        server.actualPort(),
                        "/v1/credentials/dev",
                        "Authorization",
                        token,
                        "X-Teapot",
                        "1"),
                    http.get(
                        server.actualPort(),
                        "/v1/credentials/%64ev",
                        "Authorization",
                        token,
                        "X-Teapot",
                        "1")))
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          Http.Reply passed = all.resultAt(0);
                          Http.Reply fast = all.resultAt(1);
                          Http.Reply routed = all.resultAt(2);
                          assertThat(passed.status()).isEqualTo(200);
                          assertThat(fast.status()).isEqualTo(418);
                          assertThat(fast.code()).isEqualTo("Teapot");
                          assertThat(fast.body()).doesNotContain("ASIA");
                          // every error reply, ErrorReply's, is not to be stored
                          assertThat(fast.headers().get("Cache-Control")).isEqualTo("no-store");
                          assertThat(routed.status()).isEqualTo(418);
                          assertThat(routed.code()).isEqualTo("Teapot");
                          ctx.completeNow();
                        })));
  }
}

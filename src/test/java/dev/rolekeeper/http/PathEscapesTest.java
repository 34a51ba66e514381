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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A malformed percent-escape anywhere in a path is the client's mistake: 400 with a reason, never a
 * 500.
 */
@ExtendWith(VertxExtension.class)
class PathEscapesTest {

  private RunningEndpoint endpoint;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx, @TempDir Path state) {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("dev");
    RunningEndpoint.start(vertx, state, sessions)
        .onComplete(
            ctx.succeeding(
                running -> {
                  endpoint = running;
                  ctx.completeNow();
                }));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/credentials/%zz",
        "/v1/credentials/fk-a%2",
        "/v1/credentials/%",
        "/control/refresh/%zz",
        "/control/status%g1",
        "/no/such/%zz"
      })
  void mainPortPathWithMalformedEscape_is400WithAReason(String path, VertxTestContext ctx) {
    String token = endpoint.tokens().clientToken(List.of("dev")).token();
    String method = path.startsWith("/control/refresh") ? "POST" : "GET";
    (method.equals("POST")
            ? endpoint.http().post(endpoint.port(), path, null, "Authorization", endpoint.control())
            : endpoint
                .http()
                .get(
                    endpoint.port(),
                    path,
                    "Authorization",
                    path.startsWith("/control") ? endpoint.control() : token))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(400);
                          assertThat(reply.code()).isEqualTo("BadPath");
                          assertThat(reply.json().getString("message")).contains("percent");
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsPortPathWithMalformedEscape_is400WithAReason(VertxTestContext ctx) {
    endpoint
        .imdsToken()
        .compose(
            token ->
                endpoint
                    .http()
                    .get(
                        endpoint.imdsPort(),
                        "/latest/meta-data/iam/security-credentials/fk-a%2",
                        "X-aws-ec2-metadata-token",
                        token))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(400);
                          assertThat(reply.code()).isEqualTo("BadPath");
                          ctx.completeNow();
                        })));
  }
}

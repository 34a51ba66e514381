package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of the security rules and the error answers of the wire contract
 * (docs/ARCHITECTURE.md), over real HTTP.
 */
@ExtendWith(VertxExtension.class)
class SecurityTest {

  private RunningEndpoint endpoint;
  private Http http;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx, @TempDir Path state) {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("prod");
    sessions.serve("dev");
    sessions.serve(RunningEndpoint.IMDS_PROFILE);
    RunningEndpoint.start(vertx, state, sessions)
        .onComplete(
            ctx.succeeding(
                running -> {
                  endpoint = running;
                  http = running.http();
                  ctx.completeNow();
                }));
  }

  @Test
  void favicon_asABrowserAsksForItWithAPage_is204Quietly(VertxTestContext ctx) {
    http.get(
            endpoint.port(),
            "/favicon.ico",
            "Sec-Fetch-Site",
            "same-origin",
            "Sec-Fetch-Mode",
            "no-cors",
            "Sec-Fetch-Dest",
            "image")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(204);
                          assertThat(reply.body()).isEmpty();
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_withoutToken_is401(VertxTestContext ctx) {
    http.get(endpoint.port(), "/v1/credentials/prod")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(401);
                          assertThat(reply.code()).isEqualTo("InvalidToken");
                          assertThat(reply.body()).doesNotContain("secret/prod");
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"wrong", "Bearer wrong", "Bearer ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void containerRoute_withWrongToken_is401(String header, VertxTestContext ctx) {
    http.get(endpoint.port(), "/v1/credentials/prod", "Authorization", header)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(401);
                          assertThat(reply.code()).isEqualTo("InvalidToken");
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_withTokenScopedToAnotherProfile_is403(VertxTestContext ctx) {
    String devToken = endpoint.tokens().clientToken(List.of("dev")).token();
    http.get(endpoint.port(), "/v1/credentials/prod", "Authorization", devToken)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(403);
                          assertThat(reply.code()).isEqualTo("TokenNotAllowed");
                          assertThat(reply.body())
                              .doesNotContain(devToken)
                              .doesNotContain("secret/prod");
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_withScopedToken_servesAllFieldsOfItsProfile(VertxTestContext ctx) {
    String token = endpoint.tokens().clientToken(List.of("dev", "prod")).token();
    http.get(endpoint.port(), "/v1/credentials/prod", "Authorization", token)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.headers().get("Content-Type"))
                              .isEqualTo("application/json");
                          assertThat(reply.json().getString("AccessKeyId"))
                              .isEqualTo("ASIAPRODKEYID");
                          assertThat(reply.json().getString("SecretAccessKey"))
                              .isEqualTo("secret/prod+KEYx9");
                          assertThat(reply.json().getString("Token"))
                              .isEqualTo("session-token-of-prod-AQoDYXdzEJr");
                          assertThat(reply.json().getString("AccountId")).isEqualTo("123456789012");
                          assertThat(reply.json().getString("Expiration"))
                              .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                          ctx.completeNow();
                        })));
  }

  @Test
  void credentialProcessRoute_withScopedToken_servesVersion1JsonOfItsProfile(VertxTestContext ctx) {
    String token = endpoint.tokens().clientToken(List.of("prod")).token();
    http.get(endpoint.port(), "/v1/credential-process/prod", "Authorization", token)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.json().fieldNames())
                              .containsExactly(
                                  "Version",
                                  "AccessKeyId",
                                  "SecretAccessKey",
                                  "SessionToken",
                                  "Expiration");
                          assertThat(reply.json().getInteger("Version")).isEqualTo(1);
                          assertThat(reply.json().getString("AccessKeyId"))
                              .isEqualTo("ASIAPRODKEYID");
                          assertThat(reply.json().getString("SessionToken"))
                              .isEqualTo("session-token-of-prod-AQoDYXdzEJr");
                          assertThat(reply.json().getString("Expiration"))
                              .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "dev"})
  void credentialProcessRoute_withoutTokenOrScopedToAnother_isRefused(
      String scope, VertxTestContext ctx) {
    String token = scope.isEmpty() ? "" : endpoint.tokens().clientToken(List.of(scope)).token();
    http.get(endpoint.port(), "/v1/credential-process/prod", "Authorization", token)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(scope.isEmpty() ? 401 : 403);
                          assertThat(reply.body()).doesNotContain("secret/prod");
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_withControlTokenAsBearer_servesAnyProfile(VertxTestContext ctx) {
    http.get(
            endpoint.port(), "/v1/credentials/dev", "Authorization", "Bearer " + endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.json().getString("AccessKeyId"))
                              .isEqualTo("ASIADEVKEYID");
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_repeated_servesSameBodyEveryTime(VertxTestContext ctx) {
    http.get(endpoint.port(), "/v1/credentials/prod", "Authorization", endpoint.control())
        .compose(
            first ->
                http.get(
                        endpoint.port(),
                        "/v1/credentials/prod",
                        "Authorization",
                        endpoint.control())
                    .map(second -> List.of(first, second)))
        .onComplete(
            ctx.succeeding(
                replies ->
                    ctx.verify(
                        () -> {
                          assertThat(replies.get(0).status()).isEqualTo(200);
                          assertThat(replies.get(1).body()).isEqualTo(replies.get(0).body());
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_withExpiredCredentials_is503AndServesNoKeys(VertxTestContext ctx) {
    endpoint
        .sessions()
        .set(
            "prod",
            new Lookup.Available(
                FakeSessionDirectory.credentials("prod", Instant.now().minusSeconds(1))));
    http.get(endpoint.port(), "/v1/credentials/prod", "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(503);
                          assertThat(reply.code()).isEqualTo("Expired");
                          assertThat(reply.body())
                              .doesNotContain("ASIAPROD")
                              .doesNotContain("secret/prod");
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_whenSessionUnavailable_is503WithItsReason(VertxTestContext ctx) {
    endpoint
        .sessions()
        .set("prod", new Lookup.Unavailable("MfaRequired", "waiting for an MFA code"));
    http.get(endpoint.port(), "/v1/credentials/prod", "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(503);
                          assertThat(reply.json().getString("code")).isEqualTo("MfaRequired");
                          assertThat(reply.json().getString("message"))
                              .isEqualTo("waiting for an MFA code");
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_forUnknownProfile_is404(VertxTestContext ctx) {
    http.get(endpoint.port(), "/v1/credentials/nope", "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(404);
                          assertThat(reply.code()).isEqualTo("UnknownProfile");
                          assertThat(reply.json().getString("message"))
                              .contains("'nope'", "`rolekeeper status`");
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.example",
        "evil.example:PORT",
        "127.0.0.1",
        "127.0.0.1:1",
        "localhost:PORT0",
        "127.0.0.1.evil.example:PORT",
        "[::1]",
        "127.0.0.1:",
        ":PORT",
        "localhost:PORTx"
      })
  void mainPort_withBadHost_isRefusedAsBadHost(String host, VertxTestContext ctx) {
    String hostHeader = host.replace("PORT", String.valueOf(endpoint.port()));
    http.send(
            HttpMethod.GET,
            endpoint.port(),
            hostHeader,
            "/v1/credentials/prod",
            null,
            "Authorization",
            endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isIn(400, 403);
                          assertThat(reply.code()).isEqualTo("BadHost");
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "[::1]"})
  void mainPort_withLoopbackHostAndPort_isServed(String name, VertxTestContext ctx) {
    http.send(
            HttpMethod.GET,
            endpoint.port(),
            name + ":" + endpoint.port(),
            "/v1/credentials/prod",
            null,
            "Authorization",
            endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsPort_withHostOfMainPort_is403BadHost(VertxTestContext ctx) {
    http.send(
            HttpMethod.PUT,
            endpoint.imdsPort(),
            "127.0.0.1:" + endpoint.port(),
            "/latest/api/token",
            null,
            ImdsTokenHandler.TTL_HEADER,
            "60")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(403);
                          assertThat(reply.code()).isEqualTo("BadHost");
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Origin",
        "Sec-Fetch-Site",
        "Sec-Fetch-Mode",
        "sec-fetch-dest",
        "Sec-Fetch-Anything"
      })
  void containerRoute_withBrowserHeader_is403(String header, VertxTestContext ctx) {
    http.get(
            endpoint.port(),
            "/v1/credentials/prod",
            "Authorization",
            endpoint.control(),
            header,
            "http://127.0.0.1:" + endpoint.port())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(403);
                          assertThat(reply.code()).isEqualTo("BrowserRequest");
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsTokenPut_withOrigin_is403(VertxTestContext ctx) {
    http.put(
            endpoint.imdsPort(),
            "/latest/api/token",
            ImdsTokenHandler.TTL_HEADER,
            "60",
            "Origin",
            "http://evil.example")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(403);
                          assertThat(reply.code()).isEqualTo("BrowserRequest");
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsTokenPut_withForwardedFor_is400(VertxTestContext ctx) {
    http.put(
            endpoint.imdsPort(),
            "/latest/api/token",
            ImdsTokenHandler.TTL_HEADER,
            "60",
            "X-Forwarded-For",
            "10.0.0.1")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(400);
                          assertThat(reply.code()).isEqualTo("ForwardedRequest");
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsCredentials_withValidTokenButForwardedFor_is400(VertxTestContext ctx) {
    endpoint
        .imdsToken()
        .compose(
            token ->
                http.get(
                    endpoint.imdsPort(),
                    "/latest/meta-data/iam/security-credentials/" + RunningEndpoint.IMDS_PROFILE,
                    ImdsTokens.TOKEN_HEADER,
                    token,
                    "X-Forwarded-For",
                    "10.0.0.1"))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(400);
                          assertThat(reply.body()).doesNotContain("secret/");
                          ctx.completeNow();
                        })));
  }

  @Test
  void containerRoute_withForwardedFor_is400(VertxTestContext ctx) {
    http.get(
            endpoint.port(),
            "/v1/credentials/prod",
            "Authorization",
            endpoint.control(),
            "X-Forwarded-For",
            "10.0.0.1")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(400);
                          assertThat(reply.code()).isEqualTo("ForwardedRequest");
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "21601", "-5", "abc", ""})
  void imdsTokenPut_withTtlOutOfRange_is400(String ttl, VertxTestContext ctx) {
    http.put(endpoint.imdsPort(), "/latest/api/token", ImdsTokenHandler.TTL_HEADER, ttl)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(400);
                          assertThat(reply.code()).isEqualTo("InvalidTtl");
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsTokenPut_withoutTtl_is400(VertxTestContext ctx) {
    http.put(endpoint.imdsPort(), "/latest/api/token")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(400);
                          assertThat(reply.code()).isEqualTo("InvalidTtl");
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/latest/meta-data/iam/security-credentials/",
        "/latest/meta-data/iam/security-credentials/imds-role",
        "/latest/meta-data/placement/region",
        "//latest/meta-data/iam/security-credentials/imds-role",
        "/latest/dynamic/instance-identity/document"
      })
  void imdsGet_withoutToken_is401(String path, VertxTestContext ctx) {
    http.get(endpoint.imdsPort(), path)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(401);
                          assertThat(reply.code()).isEqualTo("InvalidToken");
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsGet_withUnknownToken_is401(VertxTestContext ctx) {
    http.get(
            endpoint.imdsPort(),
            "/latest/meta-data/iam/security-credentials/imds-role",
            ImdsTokens.TOKEN_HEADER,
            "made-up")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(401);
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsGet_withContainerToken_is401(VertxTestContext ctx) {
    http.get(
            endpoint.imdsPort(),
            "/latest/meta-data/iam/security-credentials/imds-role",
            ImdsTokens.TOKEN_HEADER,
            endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(401);
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsCredentials_whenExpired_is503AndServesNoKeys(VertxTestContext ctx) {
    endpoint
        .sessions()
        .set(
            RunningEndpoint.IMDS_PROFILE,
            new Lookup.Available(
                FakeSessionDirectory.credentials(
                    RunningEndpoint.IMDS_PROFILE, Instant.now().minusSeconds(5))));
    endpoint
        .imdsToken()
        .compose(
            token ->
                http.get(
                    endpoint.imdsPort(),
                    "/latest/meta-data/iam/security-credentials/" + RunningEndpoint.IMDS_PROFILE,
                    ImdsTokens.TOKEN_HEADER,
                    token))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(503);
                          assertThat(reply.code()).isEqualTo("Expired");
                          assertThat(reply.body()).doesNotContain("secret/");
                          ctx.completeNow();
                        })));
  }

  @Test
  void controlRoute_withClientToken_is403(VertxTestContext ctx) {
    String token = endpoint.tokens().clientToken(List.of("prod")).token();
    http.get(endpoint.port(), "/control/status", "Authorization", token)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(403);
                          assertThat(reply.code()).isEqualTo("TokenNotAllowed");
                          ctx.completeNow();
                        })));
  }

  @Test
  void controlTokens_withoutToken_is401AndIssuesNothing(VertxTestContext ctx) {
    http.post(endpoint.port(), "/control/tokens", "{\"profiles\":[\"prod\"]}")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(401);
                          assertThat(endpoint.tokens().stateDir().resolve("tokens/prod.token"))
                              .doesNotExist();
                          ctx.completeNow();
                        })));
  }

  @Test
  void unknownRoute_is404Json(VertxTestContext ctx) {
    http.get(endpoint.port(), "/nothing/here")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(404);
                          assertThat(reply.code()).isEqualTo("NotFound");
                          ctx.completeNow();
                        })));
  }
}

package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IMDSv2 wire contract (docs/ARCHITECTURE.md, "Wire contracts"), over real HTTP. */
@ExtendWith(VertxExtension.class)
class ImdsRoutesTest {

  private RunningEndpoint endpoint;
  private AwsCredentials served;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx, @TempDir Path state) {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    served = sessions.serve(RunningEndpoint.IMDS_PROFILE);
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
  @ValueSource(strings = {"1", "21600", "300"})
  void tokenPut_withValidTtl_answersTokenAndEchoesTtl(String ttl, VertxTestContext ctx) {
    endpoint
        .http()
        .put(endpoint.imdsPort(), "/latest/api/token", ImdsTokenHandler.TTL_HEADER, ttl)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.headers().get(ImdsTokenHandler.TTL_HEADER))
                              .isEqualTo(ttl);
                          assertThat(reply.body()).matches("[A-Za-z0-9_-]{43}");
                          ctx.completeNow();
                        })));
  }

  @Test
  void tokenPut_twice_answersDifferentTokens(VertxTestContext ctx) {
    endpoint
        .imdsToken()
        .compose(first -> endpoint.imdsToken().map(second -> new String[] {first, second}))
        .onComplete(
            ctx.succeeding(
                tokens ->
                    ctx.verify(
                        () -> {
                          assertThat(tokens[0]).isNotEqualTo(tokens[1]);
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/latest/meta-data/iam/security-credentials/",
        "//latest/meta-data/iam/security-credentials/",
        "/latest/meta-data/iam/security-credentials-extended/"
      })
  void roleList_withToken_isTheImdsProfileWithoutNewline(String path, VertxTestContext ctx) {
    get(path)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.body()).isEqualTo(RunningEndpoint.IMDS_PROFILE);
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/latest/meta-data/iam/security-credentials/imds-role",
        "//latest/meta-data/iam/security-credentials/imds-role",
        "/latest/meta-data/iam/security-credentials-extended/imds-role",
        "//latest/meta-data/iam/security-credentials-extended/imds-role"
      })
  void roleCredentials_withToken_areTheImdsShape(String path, VertxTestContext ctx) {
    get(path)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          JsonObject json = reply.json();
                          assertThat(json.getString("Code")).isEqualTo("Success");
                          assertThat(json.getString("Type")).isEqualTo("AWS-HMAC");
                          assertThat(json.getString("LastUpdated"))
                              .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                          assertThat(json.getString("AccessKeyId")).isEqualTo(served.accessKeyId());
                          assertThat(json.getString("SecretAccessKey"))
                              .isEqualTo(served.secretAccessKey());
                          assertThat(json.getString("Token")).isEqualTo(served.sessionToken());
                          assertThat(json.getString("Expiration"))
                              .isEqualTo(CredentialsJson.timestamp(served.expiration()));
                          assertThat(json.getString("AccountId")).isEqualTo("123456789012");
                          ctx.completeNow();
                        })));
  }

  @Test
  void roleCredentials_forAnotherServedProfile_is404(VertxTestContext ctx) {
    get("/latest/meta-data/iam/security-credentials/prod")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(404);
                          assertThat(reply.code()).isEqualTo("UnknownRole");
                          assertThat(reply.body()).doesNotContain("secret/");
                          ctx.completeNow();
                        })));
  }

  @Test
  void iamInfo_withToken_namesTheInstanceProfile(VertxTestContext ctx) {
    get("/latest/meta-data/iam/info")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.json().getString("Code")).isEqualTo("Success");
                          assertThat(reply.json().getString("InstanceProfileArn"))
                              .isEqualTo("arn:aws:iam::123456789012:instance-profile/imds-role");
                          ctx.completeNow();
                        })));
  }

  @Test
  void placementRegion_withToken_isTheConfiguredRegion(VertxTestContext ctx) {
    get("/latest/meta-data/placement/region")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.body()).isEqualTo("eu-west-1");
                          ctx.completeNow();
                        })));
  }

  @Test
  void identityDocument_withToken_carriesRegionAndAccount(VertxTestContext ctx) {
    get("/latest/dynamic/instance-identity/document")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.json().getString("region")).isEqualTo("eu-west-1");
                          assertThat(reply.json().getString("accountId")).isEqualTo("123456789012");
                          ctx.completeNow();
                        })));
  }

  @Test
  void imdsPort_doesNotServeContainerRoute(VertxTestContext ctx) {
    endpoint
        .http()
        .get(endpoint.imdsPort(), "/v1/credentials/prod", "Authorization", endpoint.control())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(404);
                          assertThat(reply.body()).doesNotContain("secret/");
                          ctx.completeNow();
                        })));
  }

  private Future<Http.Reply> get(String path) {
    return endpoint
        .imdsToken()
        .compose(
            token ->
                endpoint.http().get(endpoint.imdsPort(), path, ImdsTokens.TOKEN_HEADER, token));
  }
}

package dev.rolekeeper.daemon;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A stand-in for the EC2 instance metadata service (IMDSv2: a token from {@code PUT
 * /latest/api/token}, then the role's credentials) and for a container credentials endpoint (a
 * token in {@code Authorization}), on loopback port 0, answering with {@code keys} as EC2 and ECS
 * do. Requests without the right token get 401.
 */
final class FakeMetadata {

  static final String ROLE = "instance-role";
  static final String CONTAINER_PATH = "/v2/credentials/task";

  private final Credentials keys;
  private final String containerToken;
  private final String imdsToken = "imds-session-token-for-the-test";
  final AtomicInteger imdsTokenRequests = new AtomicInteger();
  final AtomicInteger credentialRequests = new AtomicInteger();
  private HttpServer server;

  FakeMetadata(Credentials keys, String containerToken) {
    this.keys = keys;
    this.containerToken = containerToken;
  }

  Future<Integer> start(Vertx vertx) {
    Router router = Router.router(vertx);
    router
        .put("/latest/api/token")
        .handler(
            ctx -> {
              String ttl = ctx.request().getHeader("X-aws-ec2-metadata-token-ttl-seconds");
              if (ttl == null) {
                ctx.response().setStatusCode(400).end();
                return;
              }
              imdsTokenRequests.incrementAndGet();
              ctx.response().putHeader("X-aws-ec2-metadata-token-ttl-seconds", ttl).end(imdsToken);
            });
    for (String list : new String[] {"security-credentials", "security-credentials-extended"}) {
      String base = "/latest/meta-data/iam/" + list + "/";
      router.get(base).handler(ctx -> imds(ctx, () -> ctx.response().end(ROLE)));
      router
          .get(base + ROLE)
          .handler(
              ctx ->
                  imds(
                      ctx,
                      () ->
                          ctx.response()
                              .end(
                                  body()
                                      .put("Code", "Success")
                                      .put("Type", "AWS-HMAC")
                                      .put("LastUpdated", iso(Instant.now()))
                                      .encode())));
    }
    router
        .get(CONTAINER_PATH)
        .handler(
            ctx -> {
              if (!containerToken.equals(ctx.request().getHeader("Authorization"))) {
                ctx.response().setStatusCode(401).end();
                return;
              }
              credentialRequests.incrementAndGet();
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(body().put("RoleArn", "arn:aws:iam::111122223333:role/task").encode());
            });
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .map(
            bound -> {
              server = bound;
              return bound.actualPort();
            });
  }

  private void imds(RoutingContext ctx, Runnable answer) {
    if (!imdsToken.equals(ctx.request().getHeader("X-aws-ec2-metadata-token"))) {
      ctx.response().setStatusCode(401).end();
      return;
    }
    if (ctx.request().path().endsWith(ROLE)) {
      credentialRequests.incrementAndGet();
    }
    answer.run();
  }

  private JsonObject body() {
    return new JsonObject()
        .put("AccessKeyId", keys.accessKeyId())
        .put("SecretAccessKey", keys.secretAccessKey())
        .put("Token", keys.sessionToken())
        .put("Expiration", iso(keys.expiration()));
  }

  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EndpointDeployment}: several instances on the same ports, IMDS tokens shared among them.
 */
@ExtendWith(VertxExtension.class)
class EndpointDeploymentTest {

  @Test
  void deploy_withThreeInstancesOnNamedPorts_servesOnePortPairAndSharesImdsTokens(
      Vertx vertx, VertxTestContext ctx, @TempDir Path state) throws Exception {
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve(RunningEndpoint.IMDS_PROFILE);
    TokenStore tokens = TokenStore.open(state);
    Http http = new Http(vertx);
    EndpointOptions options =
        RunningEndpoint.onFreePorts(ImdsChoice.serve(RunningEndpoint.IMDS_PROFILE), "us-east-1");
    EndpointDeployment.deploy(
            vertx,
            options,
            sessions,
            tokens,
            3,
            EndpointAddOns.none(),
            new ImdsRole(options.imds(), options.listen().host()))
        .compose(
            deployment ->
                manyImdsRoundTrips(http, deployment)
                    .map(
                        statuses -> {
                          ctx.verify(
                              () -> {
                                assertThat(deployment.deploymentIds()).hasSize(1);
                                assertThat(deployment.port())
                                    .isPositive()
                                    .isNotEqualTo(deployment.imdsPort());
                                assertThat(statuses).hasSize(12).containsOnly(200);
                              });
                          return deployment;
                        }))
        .compose(deployment -> deployment.undeploy(vertx))
        .onComplete(
            ctx.succeeding(
                done ->
                    ctx.verify(
                        () -> {
                          assertThat(vertx.deploymentIDs()).isEmpty();
                          ctx.completeNow();
                        })));
  }

  /**
   * Each round trip takes a token on one connection and uses it on another, likely another event
   * loop.
   */
  private static Future<List<Integer>> manyImdsRoundTrips(
      Http http, EndpointDeployment deployment) {
    List<Future<Integer>> trips = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      trips.add(
          http.put(deployment.imdsPort(), "/latest/api/token", ImdsTokenHandler.TTL_HEADER, "60")
              .compose(
                  token ->
                      http.get(
                          deployment.imdsPort(),
                          "/latest/meta-data/iam/security-credentials/",
                          ImdsTokens.TOKEN_HEADER,
                          token.body()))
              .map(Http.Reply::status));
    }
    return Future.all(trips).map(all -> all.<Integer>list());
  }

  @Test
  void deploy_withThreeInstances_logsTheServingLineOnce(
      Vertx vertx, VertxTestContext ctx, @TempDir Path state) throws Exception {
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.start();
    logger.addAppender(appender);
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    EndpointOptions options = RunningEndpoint.onFreePorts(ImdsChoice.off(), "us-east-1");
    EndpointDeployment.deploy(
            vertx,
            options,
            sessions,
            TokenStore.open(state),
            3,
            EndpointAddOns.none(),
            new ImdsRole(options.imds(), options.listen().host()))
        .onComplete(
            ctx.succeeding(
                deployment -> {
                  logger.detachAppender(appender);
                  ctx.verify(
                      () ->
                          assertThat(appender.list)
                              .map(e -> e.getFormattedMessage())
                              .filteredOn(m -> m.startsWith("Serving credentials on"))
                              .singleElement()
                              .asString()
                              .startsWith(
                                  "Serving credentials on http://127.0.0.1:"
                                      + deployment.port()
                                      + "/v1/credentials/<profile> (IMDSv2 off); other local users"));
                  ctx.completeNow();
                }));
  }
}

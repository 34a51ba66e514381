package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.listen.DiagSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's peer gate ({@link dev.rolekeeper.listen.PeerGate}, one per endpoint verticle): its
 * netlink socket lives as long as the verticle.
 */
@ExtendWith(VertxExtension.class)
class EndpointPeerGateTest {

  @Test
  void endpointVerticle_startedThenUndeployed_closesItsNetlinkSocket(
      Vertx vertx, @TempDir Path state) throws Exception {
    assumeTrue(DiagSockets.listed(), "needs Linux's /proc/net/netlink");
    long before = DiagSockets.open();
    FakeSessionDirectory sessions = new FakeSessionDirectory();
    sessions.serve("prod");
    RunningEndpoint endpoint = await(RunningEndpoint.start(vertx, state, sessions));
    assertThat(endpoint.verticle().peerNote()).contains("(kernel socket diagnostics)");
    assertThat(DiagSockets.open()).isEqualTo(before + 1);

    for (String id : Set.copyOf(vertx.deploymentIDs())) {
      await(vertx.undeploy(id));
    }

    assertThat(DiagSockets.open()).isEqualTo(before);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.daemon.TokenStore;
import dev.rolekeeper.session.SessionDirectory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint deployed on several event loops, the way the daemon should run it: Vert.x spreads
 * the connections of a shared port over the instances, so throughput scales with the cores.
 *
 * <p>All instances bind the same ports, so several instances need named ports (the daemon resolves
 * a port 0 of its settings first), and share one {@link ImdsTokens}, so an IMDS token issued on one
 * event loop is accepted on every other.
 *
 * @param deploymentIds what to undeploy
 * @param port the bound main port
 * @param imdsPort the bound IMDS port, or 0 when IMDS is off (no port opened)
 * @param imdsRole what IMDS serves, shared by every instance: set it to serve another one
 */
public record EndpointDeployment(
    List<String> deploymentIds, int port, int imdsPort, ImdsRole imdsRole) {

  private static final Logger LOG = LoggerFactory.getLogger(EndpointDeployment.class);

  public EndpointDeployment {
    deploymentIds = List.copyOf(deploymentIds);
  }

  /**
   * Deploys {@code instances} (at least 1; e.g. the number of cores) endpoint verticles with the
   * features' add-ons, serving on IMDS what {@code imdsRole} says (a reload may change it).
   */
  public static Future<EndpointDeployment> deploy(
      Vertx vertx,
      EndpointOptions options,
      SessionDirectory sessions,
      TokenStore tokens,
      int instances,
      EndpointAddOns addOns,
      ImdsRole imdsRole) {
    if (instances < 1) {
      return Future.failedFuture(
          new IllegalArgumentException("endpoint instances must be at least 1, was " + instances));
    }
    ImdsTokens imdsTokens = ImdsTokens.create();
    // Vert.x shares a port between instances only when it is named: port 0 gives each instance a
    // port of its own, which samePorts refuses. The daemon names its ports (daemon.Listening).
    List<EndpointVerticle> verticles = new CopyOnWriteArrayList<>();
    Supplier<EndpointVerticle> factory =
        () -> {
          EndpointVerticle one =
              new EndpointVerticle(options, sessions, tokens, imdsTokens, addOns, imdsRole);
          verticles.add(one);
          return one;
        };
    return vertx
        .deployVerticle(factory, new DeploymentOptions().setInstances(instances))
        .compose(id -> samePorts(vertx, id, verticles));
  }

  private static Future<EndpointDeployment> samePorts(
      Vertx vertx, String id, List<EndpointVerticle> verticles) {
    EndpointVerticle first = verticles.get(0);
    for (EndpointVerticle other : verticles) {
      if (other.actualPort() != first.actualPort()
          || other.actualImdsPort() != first.actualImdsPort()) {
        return vertx
            .undeploy(id)
            .transform(
                done ->
                    Future.failedFuture(
                        new IllegalStateException(
                            "endpoint instances bound different ports; configure fixed ports to run several instances")));
      }
    }
    // Once for the deployment, not once per instance: they all serve the same ports.
    LOG.info("{}", first.servingSummary());
    return Future.succeededFuture(
        new EndpointDeployment(
            List.of(id), first.actualPort(), first.actualImdsPort(), first.imdsRole()));
  }

  /** Undeploys every instance. */
  public Future<Void> undeploy(Vertx vertx) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deploymentIds.size() - 1; i >= 0; i--) {
      String id = deploymentIds.get(i);
      chain = chain.compose(done -> vertx.undeploy(id));
    }
    return chain;
  }
}

package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.daemon.TokenStore;
import dev.rolekeeper.session.SessionDirectory;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint deployed on several event loops, the way the daemon should run it: Vert.x spreads
 * the connections of a shared port over the instances, so throughput scales with the cores.
 *
 * <p>All instances bind the same ports (port 0 is resolved to a free port first) and share one
 * {@link ImdsTokens}, so an IMDS token issued on one event loop is accepted on every other.
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

  /** Deploys {@code instances} (at least 1; e.g. the number of cores) endpoint verticles. */
  public static Future<EndpointDeployment> deploy(
      Vertx vertx,
      EndpointOptions options,
      SessionDirectory sessions,
      TokenStore tokens,
      int instances) {
    return deploy(vertx, options, sessions, tokens, instances, EndpointAddOns.none());
  }

  /**
   * Like {@link #deploy(Vertx, EndpointOptions, SessionDirectory, TokenStore, int)}, with the
   * features' add-ons.
   */
  public static Future<EndpointDeployment> deploy(
      Vertx vertx,
      EndpointOptions options,
      SessionDirectory sessions,
      TokenStore tokens,
      int instances,
      EndpointAddOns addOns) {
    return deploy(
        vertx,
        options,
        sessions,
        tokens,
        instances,
        addOns,
        new ImdsRole(options.imds(), options.listen().host()));
  }

  /** Like the others, serving on IMDS what {@code imdsRole} says (a reload may change it). */
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
    Function<EndpointOptions, EndpointVerticle> verticle =
        bound -> new EndpointVerticle(bound, sessions, tokens, imdsTokens, addOns, imdsRole);
    boolean anyPort =
        instances > 1
            && (options.listen().port() == 0
                || (options.imds().enabled() && options.listen().imdsPort() == 0));
    return attempt(vertx, options, instances, verticle, anyPort, anyPort ? ANY_PORT_TRIES : 1);
  }

  /** How often free ports are picked again when another process took them before we bound them. */
  private static final int ANY_PORT_TRIES = 5;

  private static Future<EndpointDeployment> attempt(
      Vertx vertx,
      EndpointOptions options,
      int instances,
      Function<EndpointOptions, EndpointVerticle> verticle,
      boolean anyPort,
      int triesLeft) {
    Future<EndpointOptions> fixed =
        anyPort ? fixPorts(vertx, options) : Future.succeededFuture(options);
    List<EndpointVerticle> verticles = new CopyOnWriteArrayList<>();
    return fixed
        .compose(
            bound -> {
              Supplier<EndpointVerticle> factory =
                  () -> {
                    EndpointVerticle one = verticle.apply(bound);
                    verticles.add(one);
                    return one;
                  };
              return vertx.deployVerticle(factory, new DeploymentOptions().setInstances(instances));
            })
        .compose(id -> samePorts(vertx, id, verticles))
        .recover(
            failure ->
                triesLeft > 1
                    ? attempt(vertx, options, instances, verticle, true, triesLeft - 1)
                    : Future.failedFuture(failure));
  }

  /**
   * Vert.x shares a port between instances only when it is named, so port 0 is first resolved to a
   * free port by the system. Another process could take it before we bind: then new free ports are
   * picked, a few times, before deploying fails with "address in use". Fixed ports, as the daemon
   * configures them, skip this.
   */
  private static Future<EndpointOptions> fixPorts(Vertx vertx, EndpointOptions options) {
    return vertx.executeBlocking(
        () -> {
          EndpointOptions.Listen listen = options.listen();
          InetAddress address = InetAddress.getByName(listen.bindAddress());
          // Both probes stay open together, so the two ports always differ.
          try (ServerSocket main = probe(listen.port(), address);
              ServerSocket imds =
                  options.imds().enabled() ? probe(listen.imdsPort(), address) : null) {
            return new EndpointOptions(
                new EndpointOptions.Listen(
                    listen.host(),
                    main == null ? listen.port() : main.getLocalPort(),
                    imds == null ? listen.imdsPort() : imds.getLocalPort()),
                options.imds(),
                options.region(),
                options.timeouts(),
                options.allowUids());
          }
        });
  }

  /** A socket on a free port when {@code port} is 0, else null (the port is fixed). */
  private static ServerSocket probe(int port, InetAddress address) throws IOException {
    return port == 0 ? new ServerSocket(0, 1, address) : null;
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

package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsException;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsRehearsal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the AWS SDK's STS client classes ahead of need, so that the largest part of start-up runs
 * beside reading the settings instead of after it.
 */
public final class StsPreload {

  private static final Logger LOG = LoggerFactory.getLogger(StsPreload.class);

  private StsPreload() {}

  /**
   * Loads the SDK's STS client and request path on a thread of its own, started now: builds a
   * throw-away client and sends one AssumeRole through it to a canned answer in memory ({@link
   * StsRehearsal}), nothing on the network. Never fails. Leaves out the TLS set-up, which only an
   * HTTPS endpoint needs ({@link #tls}) and which is not known before the settings are read.
   *
   * <p>A thread rather than a Vert.x worker, so that it can start before Vert.x is built: the
   * rehearsal is the longest single piece of start-up, and the first STS call waits for its
   * classes.
   */
  public static void start() {
    Thread thread = new Thread(StsPreload::rehearse, "rolekeeper-sts-preload");
    thread.setDaemon(true);
    thread.start();
  }

  private static void rehearse() {
    try {
      StsOutcome outcome = StsRehearsal.run(DaemonTuning.DEFAULT_REGION);
      if (!(outcome instanceof StsOutcome.Issued)) {
        LOG.debug("the rehearsed STS call did not go through: {}", outcome);
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.debug(
          "preloading the STS client failed (the first real use will load it): {}", e.toString());
    }
  }

  /**
   * Sets up TLS on a worker thread when STS is reached over HTTPS (AWS's endpoints), beside the
   * rest of the start. Never fails.
   *
   * <p>The STS endpoint override decides: a bad one is reported when the daemon is built.
   */
  static Future<Void> tls(Vertx vertx, Settings settings, Map<String, String> env) {
    URI endpoint;
    try {
      endpoint = settings.sts().effectiveEndpoint(env).orElse(null);
    } catch (SettingsException e) {
      endpoint = null;
    }
    if (endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme())) {
      return Future.succeededFuture();
    }
    return quietly(vertx, "TLS", () -> AwsNetwork.direct().prepareTls());
  }

  private static Future<Void> quietly(Vertx vertx, String what, Runnable work) {
    return vertx
        .<Void>executeBlocking(
            () -> {
              work.run();
              return null;
            },
            false)
        .otherwise(
            failure -> {
              LOG.debug(
                  "preloading {} failed (the first real use will load it): {}",
                  what,
                  failure.toString());
              return null;
            });
  }
}

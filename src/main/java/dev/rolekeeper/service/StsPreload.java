package dev.rolekeeper.service;

import dev.rolekeeper.sts.SdkStsGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the AWS SDK's STS client classes ahead of need, so that the largest part of start-up runs
 * beside reading the settings instead of after it.
 */
final class StsPreload {

  // Logged under the daemon's name: it is part of the daemon's start-up, whoever does the work.
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private StsPreload() {}

  /** Builds and closes a throw-away client on a worker thread, no call made. Never fails. */
  static Future<Void> run(Vertx vertx) {
    return vertx
        .<Void>executeBlocking(
            () -> {
              SdkStsGateway gateway = new SdkStsGateway(null, Duration.ofSeconds(10));
              try {
                gateway.prepare(List.of(DaemonTuning.DEFAULT_REGION));
              } finally {
                gateway.close();
              }
              return null;
            },
            false)
        .otherwise(
            failure -> {
              LOG.debug(
                  "preloading the STS client failed (the first real one will load it): {}",
                  failure.toString());
              return null;
            });
  }
}

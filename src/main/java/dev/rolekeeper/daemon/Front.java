package dev.rolekeeper.daemon;

import io.vertx.core.Future;

/**
 * The face the daemon shows its clients, opened by {@link Daemon#start} once the sessions are
 * deployed and closed by {@link Daemon#stop}. It is declared here and implemented by an adapter
 * (the HTTP endpoints), so that the root builds every part and still imports nothing above it.
 */
@FunctionalInterface
public interface Front {

  /**
   * Serves {@code daemon}'s parts on {@link Daemon#listening()}. Fails when a port cannot be bound
   * or the listen settings are refused.
   */
  Future<Open> open(Daemon daemon);

  /** A front that serves. */
  @FunctionalInterface
  interface Open {
    /** Stops serving. */
    Future<Void> close();
  }
}

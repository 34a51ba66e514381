package dev.rolekeeper.session;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * What every session of one manager shares, handed over once instead of asked for through the
 * manager: the context that owns all session state, the clock, the timing and retry policy, the
 * credential fetcher and who to tell about a refresh.
 *
 * @param context the manager's context: every session's mutable state is confined to it
 * @param refreshed told about each successful refresh (the manager forwards served profiles to its
 *     listeners)
 */
record SessionServices(
    Context context,
    Clock clock,
    RefreshPolicy policy,
    CredentialFetcher fetcher,
    SessionListener refreshed) {

  /** Fails fast when confined state is touched from another thread: a race would be silent. */
  void requireOwnContext(String what) {
    if (Vertx.currentContext() != context) {
      throw new IllegalStateException(
          what
              + " must run on the session manager's context, not on "
              + Thread.currentThread().getName());
    }
  }
}

package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A request that finds no valid credentials waits briefly for the refresh already running, so a
 * client started together with the daemon gets credentials instead of an error. It never waits for
 * an MFA code, and never longer than the cold-start wait.
 */
final class ColdStartWait {

  private final Vertx vertx;
  private final Context context;
  private final Duration wait;

  ColdStartWait(Vertx vertx, Context context, Duration wait) {
    this.vertx = vertx;
    this.context = context;
    this.wait = wait;
  }

  /**
   * Looks again once {@code session}'s running refresh settles or the wait is over, whichever comes
   * first; at once when none is running. Before {@code begun} (the daemon's first fetches not yet
   * started: its endpoint opens first), the wait covers that time too, so a request that comes in
   * the moment the port opens waits for the first fetch instead of being told there are no
   * credentials. Any thread: the session is read on the manager's context.
   */
  Future<Lookup> lookupAfterRefresh(Session session, Future<Void> begun, Supplier<Lookup> lookup) {
    Promise<Lookup> answer = Promise.promise();
    context.runOnContext(
        v -> {
          long deadline =
              vertx.setTimer(Math.max(1, wait.toMillis()), id -> answer.tryComplete(lookup.get()));
          // begun completes on this context, so this runs here: at once if the fetches began
          // already.
          begun.onComplete(
              started -> {
                Future<AwsCredentials> running = session.running();
                if (running == null) {
                  vertx.cancelTimer(deadline);
                  answer.tryComplete(lookup.get());
                  return;
                }
                running.onComplete(
                    done -> {
                      vertx.cancelTimer(deadline);
                      answer.tryComplete(lookup.get());
                    });
              });
        });
    return answer.future();
  }
}

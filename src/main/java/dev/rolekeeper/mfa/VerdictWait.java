package dev.rolekeeper.mfa;

import dev.rolekeeper.session.CodeSource.CodeVerdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits, bounded, for STS's verdict on a code, on the caller's own Vert.x context (e.g. an HTTP
 * request's).
 */
public final class VerdictWait {

  /** How long a person who sent a code waits for the verdict before being answered anyway. */
  public static final Duration DEFAULT = Duration.ofSeconds(15);

  private VerdictWait() {}

  /** The verdict, or empty after {@code wait}; completes on the context this is called from. */
  public static Future<Optional<CodeVerdict>> within(
      Vertx vertx, Future<CodeVerdict> verdict, Duration wait) {
    Context own = vertx.getOrCreateContext();
    Promise<Optional<CodeVerdict>> result = Promise.promise();
    long timer = vertx.setTimer(wait.toMillis(), id -> result.tryComplete(Optional.empty()));
    verdict.onComplete(
        done ->
            own.runOnContext(
                v -> {
                  vertx.cancelTimer(timer);
                  result.tryComplete(Optional.ofNullable(done.result()));
                }));
    return result.future();
  }
}

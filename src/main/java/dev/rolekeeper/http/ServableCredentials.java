package dev.rolekeeper.http;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;

/**
 * The one gate between the session directory and the HTTP routes: a lookup that never yields
 * expired or long-term credentials, whatever the directory answers, and the way back from the
 * directory's context to the request's ({@link #onRequestContext}).
 */
final class ServableCredentials {

  private final SessionDirectory sessions;
  private final Clock clock;

  ServableCredentials(SessionDirectory sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  Lookup lookup(String profile) {
    return servable(profile, sessions.lookup(profile));
  }

  /**
   * Like {@link #lookup}, but a profile whose first session is still being fetched is waited for,
   * briefly, so a burst of requests right after start-up is answered with credentials rather than
   * 503s. Call it on the request's context: the answer completes there.
   */
  Future<Lookup> lookupSoon(String profile) {
    Lookup now = lookup(profile);
    if (!(now instanceof Lookup.Unavailable)) {
      return Future.succeededFuture(now);
    }
    return onRequestContext(sessions.lookupSoon(profile)).map(soon -> servable(profile, soon));
  }

  private Lookup servable(String profile, Lookup lookup) {
    if (lookup instanceof Lookup.Available available) {
      AwsCredentials credentials = available.credentials();
      if (!credentials.isTemporary()) {
        return new Lookup.Unavailable(
            "NotServable",
            "profile "
                + profile
                + " resolved to long-term keys; rolekeeper serves temporary credentials only");
      }
      if (credentials.isExpiredAt(clock.instant())) {
        return new Lookup.Unavailable(
            "Expired",
            "the credentials of profile "
                + profile
                + " have expired and no refresh has succeeded yet; see 'rolekeeper status'");
      }
    }
    return lookup;
  }

  /**
   * The account of {@code profile}'s current credentials, when it has valid ones and the account is
   * known.
   */
  Optional<String> accountId(String profile) {
    if (lookup(profile) instanceof Lookup.Available available) {
      return Optional.ofNullable(available.credentials().accountId());
    }
    return Optional.empty();
  }

  Clock clock() {
    return clock;
  }

  /**
   * {@code future}, completing on the caller's context: the session directory settles its futures
   * on the session manager's context, and a handler must touch its {@code RoutingContext} only on
   * the request's own event loop. Call it from the handler, on the request's context.
   */
  static <T> Future<T> onRequestContext(Future<T> future) {
    Context own = Vertx.currentContext();
    if (own == null || future.isComplete()) {
      return future;
    }
    Promise<T> here = Promise.promise();
    future.onComplete(
        result -> {
          if (Vertx.currentContext() == own) {
            here.handle(result);
          } else {
            own.runOnContext(v -> here.handle(result));
          }
        });
    return here.future();
  }
}

package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sts.SessionTokenCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The shared GetSessionToken-with-MFA sessions, one per device and the keys that own it: held in
 * memory only, for their lifetime, and each renewed through its {@link Refresher} only when a
 * profile needs it (never on a timer: a renewal asks a person for a code), so every profile on a
 * device waits on one prompt and one STS call. A session is valid for a profile while it has more
 * than {@link CredentialFetcher#SOURCE_FLOOR} left. Confined to the session manager's context.
 */
final class MfaSessions implements Refresher.Rules<AwsCredentials> {

  /** One device's session, and the first hop on it, whose STS target and CA bundle renew it. */
  private record Shared(RoleHop hop, Refresher<AwsCredentials> refresher) {}

  private final CredentialFetcher fetcher;
  private final CredentialFetcher.Plans plans;
  private final Clock clock;
  private final int durationSeconds;
  private final Map<String, Shared> sessions = new HashMap<>();

  MfaSessions(
      CredentialFetcher fetcher, CredentialFetcher.Plans plans, Clock clock, int durationSeconds) {
    this.fetcher = fetcher;
    this.plans = plans;
    this.clock = clock;
    this.durationSeconds = durationSeconds;
  }

  /** The session held, if valid, else a renewal (asking for a code), or the renewal under way. */
  Future<AwsCredentials> credentials(String device, KeySource keys, Session asking) {
    Shared shared = of(device, keys);
    AwsCredentials held =
        shared.refresher().validAt(clock.instant().plus(CredentialFetcher.SOURCE_FLOOR));
    if (held != null) {
      return Future.succeededFuture(held);
    }
    // Every profile joining a renewal waits on the same code: each reports it.
    asking.awaitingCode(device);
    return shared
        .refresher()
        .refresh(() -> renew(device, keys, shared.hop(), asking))
        .andThen(ignored -> asking.awaitingCode(null));
  }

  boolean validAt(String device, KeySource keys, Instant when) {
    return of(device, keys).refresher().validAt(when.plus(CredentialFetcher.SOURCE_FLOOR)) != null;
  }

  void forget(String device, KeySource keys) {
    of(device, keys).refresher().forget();
  }

  /** When the session of a device ends (null if none is held): when its next code is needed. */
  Instant expiration(String device) {
    return sessions.entrySet().stream()
        .filter(e -> e.getKey().startsWith(device + "|"))
        .map(e -> e.getValue().refresher().value())
        .filter(Objects::nonNull)
        .map(AwsCredentials::expiration)
        .min(Instant::compareTo)
        .orElse(null);
  }

  private Shared of(String device, KeySource keys) {
    // Built on the manager's context, which then owns the refresher.
    return sessions.computeIfAbsent(
        device + "|" + keys.identity(),
        k ->
            new Shared(
                plans.mfaHop(device), new Refresher<>(Vertx.currentContext(), clock, null, this)));
  }

  private Future<AwsCredentials> renew(String device, KeySource keys, RoleHop hop, Session asking) {
    return fetcher
        .keys(keys)
        .compose(
            source ->
                fetcher.withCode(
                    device,
                    asking,
                    code ->
                        fetcher.sessionToken(
                            new SessionTokenCall(
                                source,
                                durationSeconds,
                                device,
                                code,
                                hop.route().target(),
                                hop.route().caBundle()),
                            asking)));
  }

  @Override
  public Future<AwsCredentials> fetch() {
    throw new IllegalStateException("an MFA session is renewed only for the profile asking");
  }

  @Override
  public boolean validAt(AwsCredentials credentials, Instant when) {
    return !credentials.isExpiredAt(when);
  }

  @Override
  public Instant next(Refresher.State<AwsCredentials> settled, Instant now) {
    return null;
  }
}

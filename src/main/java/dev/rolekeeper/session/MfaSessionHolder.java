package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sts.SessionTokenCall;
import dev.rolekeeper.sts.StsTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;

/**
 * The shared GetSessionToken-with-MFA session of one device (and the keys that own it): held in
 * memory only, for its lifetime, and renewed through a {@link Refresher} only when a profile needs
 * it (no timer: each renewal asks a person for a code), so every profile on the device waits on one
 * prompt and one STS call. Confined to the session manager's context.
 */
final class MfaSessionHolder implements Refresher.Rules<AwsCredentials> {

  private final String device;
  private final KeySource keys;
  private final StsTarget sts;
  private final String caBundle;
  private final int durationSeconds;
  private final CredentialFetcher fetcher;
  private final Refresher<AwsCredentials> refresher;

  MfaSessionHolder(
      String device, KeySource keys, RoleHop hop, int durationSeconds, CredentialFetcher fetcher) {
    this.device = device;
    this.keys = keys;
    this.sts = hop.sts();
    this.caBundle = hop.caBundle();
    this.durationSeconds = durationSeconds;
    this.fetcher = fetcher;
    // Built on the manager's context, which then owns it; no timer is armed, so the clock is moot.
    this.refresher = new Refresher<>(Vertx.currentContext(), Clock.systemUTC(), null, this);
  }

  boolean validAt(Instant when) {
    return refresher.validAt(when) != null;
  }

  Instant expiration() {
    AwsCredentials held = refresher.value();
    return held == null ? null : held.expiration();
  }

  void forget() {
    refresher.forget();
  }

  /** The held session if it is valid at {@code validAt}, else a new one (asking for a code). */
  Future<AwsCredentials> credentials(Instant validAt, Session asking) {
    AwsCredentials held = refresher.validAt(validAt);
    return held != null ? Future.succeededFuture(held) : refresher.refresh(() -> renew(asking));
  }

  private Future<AwsCredentials> renew(Session asking) {
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
                                source, durationSeconds, device, code, sts, caBundle),
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

package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sts.SessionTokenCall;
import dev.rolekeeper.sts.StsTarget;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;

/**
 * The shared GetSessionToken-with-MFA session of one device (and the keys that own it): held in
 * memory only, for its lifetime, and renewed single-flight, so every profile on the device waits on
 * one prompt and one STS call. Confined to the session manager's context.
 */
final class MfaSessionHolder {

  private final String device;
  private final KeySource keys;
  private final StsTarget sts;
  private final String caBundle;
  private final int durationSeconds;
  private final CredentialFetcher fetcher;
  private volatile AwsCredentials current;
  private Future<AwsCredentials> inFlight;

  MfaSessionHolder(
      String device, KeySource keys, RoleHop hop, int durationSeconds, CredentialFetcher fetcher) {
    this.device = device;
    this.keys = keys;
    this.sts = hop.sts();
    this.caBundle = hop.caBundle();
    this.durationSeconds = durationSeconds;
    this.fetcher = fetcher;
  }

  boolean validAt(Instant when) {
    AwsCredentials held = current;
    return held != null && held.expiration().isAfter(when);
  }

  Instant expiration() {
    AwsCredentials held = current;
    return held == null ? null : held.expiration();
  }

  void forget() {
    current = null;
  }

  /** The held session if it is valid at {@code validAt}, else a new one (asking for a code). */
  Future<AwsCredentials> credentials(Instant validAt, Session asking) {
    if (validAt(validAt)) {
      return Future.succeededFuture(current);
    }
    if (inFlight != null) {
      return inFlight;
    }
    // Set before the renewal starts: it can settle synchronously (a code source failing at once),
    // and a settled
    // future left in inFlight would answer every later caller with that old failure.
    Promise<AwsCredentials> settled = Promise.promise();
    inFlight = settled.future();
    renewSafely(asking)
        .onComplete(
            result -> {
              inFlight = null;
              if (result.succeeded()) {
                current = result.result();
              }
              settled.handle(result);
            });
    return settled.future();
  }

  private Future<AwsCredentials> renewSafely(Session asking) {
    try {
      return renew(asking);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
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
}

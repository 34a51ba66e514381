package dev.rolekeeper.http;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionStatus;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory {@link SessionDirectory}: each profile holds a {@link Lookup} a test sets. */
final class FakeSessionDirectory implements SessionDirectory {

  private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();
  private final Map<String, AwsCredentials> nextRefresh = new ConcurrentHashMap<>();
  private final AtomicInteger refreshes = new AtomicInteger();

  /**
   * Serves {@code profile} with temporary credentials valid for an hour, keys derived from the
   * name.
   */
  AwsCredentials serve(String profile) {
    AwsCredentials credentials = credentials(profile, Instant.now().plusSeconds(3600));
    set(profile, new Lookup.Available(credentials));
    return credentials;
  }

  void set(String profile, Lookup lookup) {
    lookups.put(profile, lookup);
  }

  /**
   * What the next {@link #refresh(String)} of {@code profile} yields; without one, the refresh
   * fails.
   */
  void onRefresh(String profile, AwsCredentials credentials) {
    nextRefresh.put(profile, credentials);
  }

  int refreshCount() {
    return refreshes.get();
  }

  static AwsCredentials credentials(String profile, Instant expiration) {
    return new AwsCredentials(
        "ASIA" + profile.toUpperCase() + "KEYID",
        "secret/" + profile + "+KEYx9",
        "session-token-of-" + profile + "-AQoDYXdzEJr",
        expiration,
        "123456789012");
  }

  @Override
  public Set<String> profiles() {
    return Set.copyOf(lookups.keySet());
  }

  @Override
  public Lookup lookup(String profile) {
    return lookups.getOrDefault(profile, new Lookup.Unknown());
  }

  @Override
  public Future<AwsCredentials> refresh(String profile) {
    refreshes.incrementAndGet();
    AwsCredentials next = nextRefresh.get(profile);
    if (next == null) {
      return Future.failedFuture(new IllegalStateException("STS said no to " + profile));
    }
    set(profile, new Lookup.Available(next));
    return Future.succeededFuture(next);
  }

  @Override
  public Future<List<SessionStatus>> status() {
    List<SessionStatus> status = new ArrayList<>();
    lookups.forEach(
        (profile, lookup) ->
            status.add(
                new SessionStatus(
                    profile,
                    "AssumeRole with keys of base",
                    "arn:aws:iam::123456789012:role/" + profile,
                    null,
                    new SessionStatus.Refresh(
                        lookup instanceof Lookup.Available ? "Fresh" : "MfaRequired",
                        lookup instanceof Lookup.Available a ? a.credentials().expiration() : null,
                        null,
                        null,
                        null),
                    new SessionStatus.Sts(null, null, null))));
    return Future.succeededFuture(status);
  }
}

package dev.rolekeeper.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mints sessions for the actions, honouring the test control that shortens every session to a few
 * seconds whatever duration was asked for.
 */
final class SessionIssuer {

  private final CredentialStore store;
  private final AtomicReference<Integer> sessionSecondsOverride = new AtomicReference<>();

  SessionIssuer(CredentialStore store) {
    this.store = store;
  }

  void sessionSecondsOverride(Integer seconds) {
    if (seconds != null && seconds < 1) {
      throw new IllegalArgumentException(
          "session override must be at least 1 second, was " + seconds);
    }
    sessionSecondsOverride.set(seconds);
  }

  IssuedCredential issue(Principal principal, int requestedSeconds, Instant now) {
    Integer override = sessionSecondsOverride.get();
    int seconds = override != null ? override : requestedSeconds;
    return store.issue(principal, now, now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds));
  }
}

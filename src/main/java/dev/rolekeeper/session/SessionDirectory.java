package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * What the HTTP endpoints see of the sessions: the served profiles, their current credentials, and
 * a way to ask for a refresh.
 *
 * <p>Contract: {@link #lookup(String)} answers from memory and never blocks or waits on STS; it
 * never returns expired credentials. It may be called from any thread, event loop included.
 */
public interface SessionDirectory {

  /** The names of the profiles this daemon serves. */
  Set<String> profiles();

  /** The current state of one profile's credentials, answered from memory. */
  Lookup lookup(String profile);

  /**
   * Like {@link #lookup(String)}, except that a profile without valid credentials whose refresh is
   * running (its very first fetch, or a refresh still under way when the held session expired, as
   * when a laptop wakes) may be waited for, briefly (well under the 1–2 s SDK timeouts), so such
   * requests get credentials rather than errors. Profiles that hold credentials are answered at
   * once, from memory; one waiting for an MFA code is not waited for.
   */
  default Future<Lookup> lookupSoon(String profile) {
    return Future.succeededFuture(lookup(profile));
  }

  /**
   * Starts a refresh of one profile now (single-flight with any refresh already running); completes
   * when done.
   */
  Future<AwsCredentials> refresh(String profile);

  /** One line of status per served profile, free of secrets, built where the sessions live. */
  Future<List<SessionStatus>> status();

  /** The outcome of {@link #lookup(String)}. */
  sealed interface Lookup {

    /**
     * Valid credentials, with more life left than the daemon's serving floor whenever STS allows.
     */
    record Available(AwsCredentials credentials) implements Lookup {}

    /**
     * The profile is served but has no valid credentials now.
     *
     * @param code a short machine-readable reason, e.g. {@code MfaRequired}, {@code AccessDenied},
     *     {@code Pending}
     * @param message what a person should know or do, free of secrets
     */
    record Unavailable(String code, String message) implements Lookup {}

    /** The profile is not served by this daemon. */
    record Unknown() implements Lookup {}
  }
}

package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import java.time.Instant;

/**
 * What a session's owner last settled: immutable, so any thread may read it and turn it into the
 * answer a client gets ({@link #lookup}) or the word the status shows ({@link #stateWord}).
 */
record SessionSnapshot(
    AwsCredentials credentials, String errorCode, String error, Instant nextRefresh) {

  /** The session's view of what its refresher holds. */
  static SessionSnapshot of(Refresher.State<AwsCredentials> state) {
    RefreshFailure failure = state.failure() == null ? null : RefreshFailure.of(state.failure());
    return failure == null
        ? new SessionSnapshot(state.value(), null, null, state.next())
        : new SessionSnapshot(
            state.value(), failure.code(), failure.code() + ": " + failure.message(), state.next());
  }

  /**
   * The state as served: never expired credentials; otherwise why not, most actionable reason
   * first.
   *
   * @param awaitingDevice the MFA device the session waits for a code from, or null
   */
  Lookup lookup(String profile, String awaitingDevice, Instant now) {
    if (validAt(now)) {
      return new Lookup.Available(credentials);
    }
    if (awaitingDevice != null) {
      return new Lookup.Unavailable(
          "MfaRequired",
          "profile "
              + profile
              + " is waiting for an MFA code for "
              + awaitingDevice
              + ": answer the notification, open the MFA page, or run `rolekeeper mfa`");
    }
    if (errorCode != null) {
      return new Lookup.Unavailable(
          errorCode, "profile " + profile + " has no valid session: " + error);
    }
    if (credentials != null) {
      return new Lookup.Unavailable(
          "Expired",
          "the session of profile "
              + profile
              + " expired at "
              + credentials.expiration()
              + " and a refresh is under way");
    }
    return new Lookup.Unavailable(
        "Pending",
        "the first session of profile "
            + profile
            + " is being fetched from STS; try again in a moment");
  }

  /**
   * The status line's one-word state.
   *
   * @param awaitingDevice the MFA device the session waits for a code from, or null
   * @param refreshing whether a refresh is in flight
   */
  String stateWord(String awaitingDevice, boolean refreshing, Instant now) {
    if (awaitingDevice != null) {
      return "MfaRequired";
    }
    if (refreshing) {
      return "Refreshing";
    }
    boolean valid = validAt(now);
    if (errorCode != null) {
      return valid ? "Retrying" : "Failed";
    }
    return valid ? "Fresh" : (credentials == null ? "Pending" : "Expired");
  }

  boolean validAt(Instant now) {
    return credentials != null && !credentials.isExpiredAt(now);
  }
}

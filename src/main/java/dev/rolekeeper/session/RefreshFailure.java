package dev.rolekeeper.session;

import dev.rolekeeper.session.KeySource.SourceException;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import java.time.Duration;

/** A failed refresh, boiled down to what the schedule and the status need. */
record RefreshFailure(FailureKind kind, String code, String message) {

  static RefreshFailure of(Throwable cause) {
    if (cause instanceof StsFailureException sts) {
      StsOutcome.Failed f = sts.failure();
      return new RefreshFailure(f.kind(), f.code(), f.message());
    }
    if (cause instanceof CodeSource.MfaUnavailableException) {
      return new RefreshFailure(
          FailureKind.FATAL, "MfaRequired", "no MFA code was given: " + cause.getMessage());
    }
    if (cause instanceof SourceException) {
      return new RefreshFailure(FailureKind.FATAL, "SourceUnavailable", cause.getMessage());
    }
    return new RefreshFailure(
        FailureKind.RETRYABLE, "InternalError", String.valueOf(cause.getMessage()));
  }

  /** A retry delay for the log: whole seconds from 10 s on, else tenths. */
  static String readable(Duration wait) {
    return wait.toSeconds() >= 10
        ? wait.toSeconds() + " s"
        : String.format("%.1f s", wait.toMillis() / 1000.0);
  }
}

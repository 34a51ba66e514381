package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import io.vertx.core.Future;

/**
 * Where IAM Identity Center role credentials come from (the {@code sso} package): it keeps the SSO
 * access token fresh and asks for a sign-in when none can be had.
 */
public interface SsoRoleSource {

  /**
   * Role credentials for {@code profile} (GetRoleCredentials with the SSO session's access token).
   * May complete on any context; fails with {@link SsoUnavailableException}.
   */
  Future<AwsCredentials> roleCredentials(String profile, SsoSettings settings);

  /** Used when the daemon has no SSO support wired: every SSO profile reports why. */
  static SsoRoleSource none() {
    return (profile, settings) ->
        Future.failedFuture(
            new SsoUnavailableException(
                FailureKind.FATAL,
                "SsoUnavailable",
                "IAM Identity Center profiles are not served by this process"));
  }

  /**
   * No role credentials now.
   *
   * @param kind how the session retries ({@code FATAL} waits for the long retry delay, e.g. for a
   *     sign-in)
   * @param code for the 503 answer and {@code status}, e.g. {@code SsoLoginRequired}
   */
  final class SsoUnavailableException extends RuntimeException {
    private final transient FailureKind kind;
    private final String code;

    public SsoUnavailableException(FailureKind kind, String code, String message) {
      super(message, null, false, false);
      this.kind = kind;
      this.code = code;
    }

    public FailureKind kind() {
      return kind;
    }

    public String code() {
      return code;
    }
  }
}

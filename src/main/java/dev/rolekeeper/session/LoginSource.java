package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import io.vertx.core.Future;

/**
 * Where console sign-in sessions ({@code login_session} profiles, the AWS CLI's {@code aws login})
 * get their credentials (the {@code signin} package): it keeps each session fresh through the AWS
 * Sign-In service and asks for the next sign-in ahead of time.
 */
public interface LoginSource {

  /** The code of the 503 answer and {@code status} when only a new sign-in helps. */
  String LOGIN_REQUIRED = "LoginRequired";

  /**
   * The credentials of the console session {@code settings} names, for {@code profile}: valid for a
   * while yet, refreshed if need be. May complete on any context; fails with {@link
   * StsFailureException} (code {@link #LOGIN_REQUIRED} when a sign-in is needed, naming the
   * command).
   */
  Future<AwsCredentials> credentials(String profile, LoginSettings settings);

  /** Used when the daemon has no console sign-in support wired: every such profile says why. */
  static LoginSource none() {
    return (profile, settings) ->
        Future.failedFuture(
            new StsFailureException(
                new StsOutcome.Failed(
                    FailureKind.FATAL,
                    "LoginUnavailable",
                    "console sign-in sessions are not served by this process")));
  }
}

package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.session.SsoRoleSource.SsoUnavailableException;
import dev.rolekeeper.sts.StsOutcome;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * An IAM Identity Center profile: GetRoleCredentials with the SSO session's access token. Refreshed
 * like any other session (timing, single-flight, backoff); when the SSO session needs a sign-in the
 * failure is {@code SsoLoginRequired}, and the credentials held are served until they expire.
 *
 * @param hop the profile (its region; no role ARN: the portal names the role by account and name)
 * @param settings the profile's SSO settings
 * @param source the token keeper and portal caller
 */
public record SsoPlan(RoleHop hop, SsoSettings settings, SsoRoleSource source) implements Plan {

  @Override
  public String describe() {
    return "GetRoleCredentials for role "
        + settings.role().name()
        + " in account "
        + settings.role().accountId()
        + " with the sign-in of "
        + settings.label()
        + " (IAM Identity Center)";
  }

  @Override
  public Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session) {
    // The source completes on its own context; the session's state is the manager's.
    return CallerContext.back(
        source
            .roleCredentials(hop.profile(), settings)
            .recover(cause -> Future.failedFuture(translate(cause))));
  }

  private static Throwable translate(Throwable cause) {
    if (cause instanceof SsoUnavailableException sso) {
      return new StsFailureException(
          new StsOutcome.Failed(sso.kind(), sso.code(), sso.getMessage()));
    }
    return cause;
  }

  @Override
  public String deviceNeededAt(Instant when, CredentialFetcher fetcher) {
    return null;
  }
}

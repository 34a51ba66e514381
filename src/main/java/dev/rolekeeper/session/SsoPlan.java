package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.session.SsoRoleSource.SsoUnavailableException;
import dev.rolekeeper.sts.StsOutcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
    Context home = Vertx.currentContext();
    Promise<AwsCredentials> back = Promise.promise();
    // The source completes on its own context; the session's state may only be touched on the
    // manager's.
    source
        .roleCredentials(hop.profile(), settings)
        .onComplete(
            result -> {
              Throwable cause = result.failed() ? translate(result.cause()) : null;
              Runnable settle =
                  () -> {
                    if (cause == null) {
                      back.complete(result.result());
                    } else {
                      back.fail(cause);
                    }
                  };
              if (home == null || home == Vertx.currentContext()) {
                settle.run();
              } else {
                home.runOnContext(v -> settle.run());
              }
            });
    return back.future();
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

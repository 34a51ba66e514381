package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.LoginSettings;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * A console sign-in profile ({@code login_session}, the AWS CLI's {@code aws login}): the
 * credentials of the signed-in session, kept fresh through AWS Sign-In by the {@link LoginSource}.
 * Refreshed like any other session (timing, single flight, backoff); when only a new sign-in helps,
 * the failure is {@link LoginSource#LOGIN_REQUIRED}, naming the command, and the credentials held
 * are served until they expire. A role whose {@code source_profile} is such a profile is a {@link
 * Plan.Chained} hop on this plan's session.
 *
 * @param hop the profile (the Sign-In region, for {@code status}; no role)
 * @param settings the console session and where its Sign-In calls go
 * @param source keeps the session fresh and asks for the next sign-in
 */
public record LoginPlan(RoleHop hop, LoginSettings settings, LoginSource source) implements Plan {

  @Override
  public String describe() {
    return "the console sign-in session of "
        + settings.session()
        + " (aws login), refreshed through AWS Sign-In";
  }

  @Override
  public Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session) {
    // The source completes on its own context; the session's state is the manager's.
    return CallerContext.back(source.credentials(hop.profile(), settings));
  }

  @Override
  public String deviceNeededAt(Instant when, CredentialFetcher fetcher) {
    return null;
  }
}

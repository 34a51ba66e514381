package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * A {@code web_identity_token_file} profile: AssumeRoleWithWebIdentity with the token in that file,
 * read again at every refresh (Kubernetes, CI runners and the like rotate it in place). Needs no
 * keys and no MFA; a role whose {@code source_profile} is this profile chains from its session.
 *
 * @param hop the role, its session name and length, and the region whose STS is called
 * @param tokenFile the token file as written in the profile
 */
public record WebIdentityPlan(RoleHop hop, String tokenFile) implements Plan {

  @Override
  public String describe() {
    return "AssumeRoleWithWebIdentity "
        + hop.roleArn()
        + " with the token in "
        + tokenFile
        + " (read again at every refresh)";
  }

  @Override
  public Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session) {
    return fetcher.webIdentity(hop, tokenFile, session);
  }

  @Override
  public String deviceNeededAt(Instant when, CredentialFetcher fetcher) {
    return null;
  }
}

package dev.rolekeeper.sts;

/**
 * The one place that talks to STS. Calls block the calling thread: callers run them on a worker
 * ({@code vertx.executeBlocking}), never on an event loop.
 *
 * <p>Implementations never throw for STS or network failures; they answer {@link
 * StsOutcome.Failed}.
 */
public interface StsGateway extends AutoCloseable {

  StsOutcome assumeRole(AssumeRoleCall call);

  StsOutcome getSessionToken(SessionTokenCall call);

  /** AssumeRoleWithWebIdentity: unsigned, authorised by the token alone. */
  StsOutcome assumeRoleWithWebIdentity(WebIdentityCall call);

  @Override
  void close();
}

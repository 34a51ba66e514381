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

  /**
   * Which proxy and CA bundle the calls to {@code target} made by a profile with {@code caBundle}
   * go with, for {@code status}: free of secrets (a proxy password shows as {@code ***}), never
   * blocking. Null when the gateway does not say.
   *
   * @param caBundle the profile's {@code ca_bundle}, or null
   */
  default String describeNetwork(StsTarget target, String caBundle) {
    return null;
  }

  @Override
  void close();
}

package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * How one profile's credentials are obtained. Chosen once per profile by the {@link Planner};
 * {@link #describe()} is what {@code rolekeeper status} shows as the plan and why.
 */
public sealed interface Plan
    permits Plan.Direct,
        Plan.Chained,
        Plan.MfaSession,
        Plan.MfaPerCall,
        Plan.Invalid,
        SsoPlan,
        LoginPlan,
        WebIdentityPlan {

  RoleHop hop();

  String describe();

  /** Runs the plan once: every STS call it makes goes through {@code fetcher}. */
  Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session);

  /**
   * The MFA device a refresh at {@code when} would need a code for, or null when none would be
   * needed.
   */
  String deviceNeededAt(Instant when, CredentialFetcher fetcher);

  /** The MFA device whose codes this plan needs, or null. */
  default String mfaDevice() {
    return null;
  }

  /** STS said the source credentials had expired: forget them so the next attempt renews them. */
  default void sourceExpired(CredentialFetcher fetcher) {}

  /** AssumeRole signed with keys, no MFA. */
  record Direct(RoleHop hop, KeySource keys) implements Plan {
    @Override
    public String describe() {
      return "AssumeRole " + hop.roleArn() + " with " + keys.describe();
    }

    @Override
    public Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session) {
      return fetcher.keys(keys).compose(source -> fetcher.assume(hop, source, null, null, session));
    }

    @Override
    public String deviceNeededAt(Instant when, CredentialFetcher fetcher) {
      return null;
    }
  }

  /**
   * Role chaining: AssumeRole signed with another role profile's session (at most 1 h, STS's limit
   * for temporary callers), with an MFA code on every call when the profile names a device.
   */
  record Chained(RoleHop hop, String parentProfile, String mfaDevice) implements Plan {
    @Override
    public String describe() {
      return "AssumeRole "
          + hop.roleArn()
          + " with the session of profile "
          + parentProfile
          + " (role chaining, sessions of at most 1 h)"
          + (mfaDevice == null ? "" : ", with an MFA code from " + mfaDevice + " on every refresh");
    }

    @Override
    public Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session) {
      return fetcher
          .parent(parentProfile)
          .compose(
              source ->
                  mfaDevice == null
                      ? fetcher.assume(hop, source, null, null, session)
                      : fetcher.withCode(
                          mfaDevice,
                          session,
                          code -> fetcher.assume(hop, source, mfaDevice, code, session)));
    }

    @Override
    public String deviceNeededAt(Instant when, CredentialFetcher fetcher) {
      return mfaDevice;
    }

    @Override
    public void sourceExpired(CredentialFetcher fetcher) {
      fetcher.forgetParent(parentProfile);
    }
  }

  /**
   * One GetSessionToken with MFA per device, shared by every profile on that device and kept for
   * its lifetime, then AssumeRole with it (at most 1 h): one code a day instead of one an hour.
   */
  record MfaSession(RoleHop hop, KeySource keys, String mfaDevice) implements Plan {
    @Override
    public String describe() {
      return "AssumeRole "
          + hop.roleArn()
          + " with the shared MFA session of "
          + mfaDevice
          + " (GetSessionToken with "
          + keys.describe()
          + "; the role asks for at most 1 h, so one code serves every profile on the device)";
    }

    @Override
    public Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session) {
      return fetcher
          .mfaSessions()
          .credentials(mfaDevice, keys, session)
          .compose(source -> fetcher.assume(hop, source, null, null, session));
    }

    @Override
    public String deviceNeededAt(Instant when, CredentialFetcher fetcher) {
      return fetcher.mfaSessions().validAt(mfaDevice, keys, when) ? null : mfaDevice;
    }

    @Override
    public void sourceExpired(CredentialFetcher fetcher) {
      fetcher.mfaSessions().forget(mfaDevice, keys);
    }
  }

  /**
   * AssumeRole with keys and an MFA code on every refresh: the profile asks for more than the 1 h
   * limit, or the keys are themselves temporary (GetSessionToken refuses session credentials, so
   * there is no session to share; the AWS CLI plans these the same way).
   */
  record MfaPerCall(RoleHop hop, KeySource keys, String mfaDevice) implements Plan {
    @Override
    public String describe() {
      if (keys.temporary()) {
        return "AssumeRole "
            + hop.roleArn()
            + " with "
            + keys.describe()
            + " and an MFA code from "
            + mfaDevice
            + " (source holds session credentials: AssumeRole with the MFA code at each refresh;"
            + " sessions of at most 1 h)";
      }
      return "AssumeRole "
          + hop.roleArn()
          + " with "
          + keys.describe()
          + " and an MFA code from "
          + mfaDevice
          + " on every refresh (duration_seconds "
          + hop.durationSeconds()
          + " is over the 1 h a shared MFA session"
          + " allows)";
    }

    @Override
    public Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session) {
      return fetcher
          .keys(keys)
          .compose(
              source ->
                  fetcher.withCode(
                      mfaDevice,
                      session,
                      code -> fetcher.assume(hop, source, mfaDevice, code, session)));
    }

    @Override
    public String deviceNeededAt(Instant when, CredentialFetcher fetcher) {
      return mfaDevice;
    }
  }

  /**
   * A profile that cannot be served as configured (a cycle, a missing source, …): every attempt
   * fails with the reason, so {@code status} and the 503 answer say what to fix while the other
   * profiles are served.
   */
  record Invalid(String profile, String reason) implements Plan {
    @Override
    public RoleHop hop() {
      return new RoleHop(profile, null, null, 0, null, null);
    }

    @Override
    public String describe() {
      return "none: " + reason;
    }

    @Override
    public Future<AwsCredentials> obtain(CredentialFetcher fetcher, Session session) {
      return Future.failedFuture(new KeySource.SourceException(reason));
    }

    @Override
    public String deviceNeededAt(Instant when, CredentialFetcher fetcher) {
      return null;
    }
  }
}

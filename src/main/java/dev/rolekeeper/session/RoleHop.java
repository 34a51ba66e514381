package dev.rolekeeper.session;

import dev.rolekeeper.sts.StsTarget;

/**
 * One AssumeRole step of a plan.
 *
 * @param profile the profile that names the role
 * @param roleArn the role
 * @param sessionName the RoleSessionName
 * @param durationSeconds the session length asked of STS
 * @param externalId the ExternalId, or null
 * @param sts where the call goes and the region it is signed for, resolved from {@code profile}'s
 *     own settings; null for a hop that never calls STS
 */
public record RoleHop(
    String profile,
    String roleArn,
    String sessionName,
    int durationSeconds,
    String externalId,
    StsTarget sts) {

  /** The longest session STS grants to a caller that signs with temporary credentials. */
  public static final int TEMPORARY_CALLER_MAX_SECONDS = 3600;

  /** A hop calling AWS's regional STS endpoint of {@code region} (null: no STS call). */
  public RoleHop(
      String profile,
      String roleArn,
      String sessionName,
      int durationSeconds,
      String externalId,
      String region) {
    this(
        profile,
        roleArn,
        sessionName,
        durationSeconds,
        externalId,
        region == null ? null : StsTarget.regional(region));
  }

  /** The region whose STS is called (the signing region), or null. */
  public String region() {
    return sts == null ? null : sts.region();
  }

  /** This hop as a temporary-credentials caller may ask for it. */
  public RoleHop cappedForTemporaryCaller() {
    return durationSeconds <= TEMPORARY_CALLER_MAX_SECONDS
        ? this
        : new RoleHop(profile, roleArn, sessionName, TEMPORARY_CALLER_MAX_SECONDS, externalId, sts);
  }
}

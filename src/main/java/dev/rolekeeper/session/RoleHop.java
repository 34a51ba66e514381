package dev.rolekeeper.session;

import dev.rolekeeper.profiles.ResolvedProfile;
import dev.rolekeeper.sts.StsTarget;

/**
 * One AssumeRole step of a plan.
 *
 * @param profile the profile that names the role
 * @param roleArn the role
 * @param sessionName the RoleSessionName
 * @param durationSeconds the session length asked of STS
 * @param externalId the ExternalId, or null
 * @param route where its STS calls go, resolved from {@code profile}'s own settings; null for a hop
 *     that never calls STS
 */
public record RoleHop(
    String profile,
    String roleArn,
    String sessionName,
    int durationSeconds,
    String externalId,
    Route route) {

  /** The longest session STS grants to a caller that signs with temporary credentials. */
  public static final int TEMPORARY_CALLER_MAX_SECONDS = 3600;

  /** The AWS CLI's default role session length. */
  static final int DEFAULT_DURATION_SECONDS = 3600;

  /**
   * Where a hop's STS calls go.
   *
   * @param target the endpoint and the region the calls are signed for
   * @param caBundle the profile's {@code ca_bundle}, or null
   */
  public record Route(StsTarget target, String caBundle) {
    /** AWS's regional STS endpoint of {@code region} without a {@code ca_bundle}; null for null. */
    public static Route regional(String region) {
      return region == null ? null : new Route(StsTarget.regional(region), null);
    }
  }

  /**
   * The hop of {@code profile}: its own role settings, the AWS CLI's defaults for the rest.
   *
   * @param sts where its calls go, or null when it makes none
   */
  static RoleHop of(ResolvedProfile profile, StsTarget sts) {
    String sessionName = profile.role().sessionName();
    if (sessionName == null) {
      String name = ("rolekeeper-" + profile.name()).replaceAll("[^\\w+=,.@-]", "-");
      sessionName = name.length() > 64 ? name.substring(0, 64) : name;
    }
    return new RoleHop(
        profile.name(),
        profile.role().arn(),
        sessionName,
        profile.role().durationSeconds() == null
            ? DEFAULT_DURATION_SECONDS
            : profile.role().durationSeconds(),
        profile.role().externalId(),
        sts == null ? null : new Route(sts, profile.client().caBundle()));
  }

  /** The region whose STS is called (the signing region), or null. */
  public String region() {
    return route == null ? null : route.target().region();
  }

  /** This hop as a temporary-credentials caller may ask for it. */
  public RoleHop cappedForTemporaryCaller() {
    return durationSeconds <= TEMPORARY_CALLER_MAX_SECONDS
        ? this
        : new RoleHop(
            profile, roleArn, sessionName, TEMPORARY_CALLER_MAX_SECONDS, externalId, route);
  }
}

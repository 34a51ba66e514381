package dev.rolekeeper.session;

/**
 * One AssumeRole step of a plan.
 *
 * @param profile the profile that names the role
 * @param roleArn the role
 * @param sessionName the RoleSessionName
 * @param durationSeconds the session length asked of STS
 * @param externalId the ExternalId, or null
 * @param region the region whose STS is called
 * @param caBundle the profile's {@code ca_bundle}, or null
 */
public record RoleHop(
    String profile,
    String roleArn,
    String sessionName,
    int durationSeconds,
    String externalId,
    String region,
    String caBundle) {

  /** Without a {@code ca_bundle}. */
  public RoleHop(
      String profile,
      String roleArn,
      String sessionName,
      int durationSeconds,
      String externalId,
      String region) {
    this(profile, roleArn, sessionName, durationSeconds, externalId, region, null);
  }

  /** The longest session STS grants to a caller that signs with temporary credentials. */
  public static final int TEMPORARY_CALLER_MAX_SECONDS = 3600;

  /** This hop as a temporary-credentials caller may ask for it. */
  public RoleHop cappedForTemporaryCaller() {
    return durationSeconds <= TEMPORARY_CALLER_MAX_SECONDS
        ? this
        : new RoleHop(
            profile,
            roleArn,
            sessionName,
            TEMPORARY_CALLER_MAX_SECONDS,
            externalId,
            region,
            caBundle);
  }
}

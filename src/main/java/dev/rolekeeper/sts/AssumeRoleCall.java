package dev.rolekeeper.sts;

import dev.rolekeeper.credentials.AwsCredentials;

/**
 * One AssumeRole request.
 *
 * @param source the credentials that sign the call
 * @param role what is asked of the role
 * @param mfaSerial the MFA device serial, or null when no code goes with this call
 * @param tokenCode the 6-digit MFA code, or null; never printed
 * @param sts the STS endpoint and signing region
 * @param caBundle the calling profile's {@code ca_bundle}, or null
 */
public record AssumeRoleCall(
    AwsCredentials source,
    Role role,
    String mfaSerial,
    String tokenCode,
    StsTarget sts,
    String caBundle) {

  /**
   * The role and the session asked of it.
   *
   * @param arn the role to assume
   * @param sessionName the RoleSessionName (2–64 of {@code [\w+=,.@-]})
   * @param durationSeconds the DurationSeconds asked for
   * @param externalId the ExternalId, or null; only whether it is set is printed
   */
  public record Role(String arn, String sessionName, int durationSeconds, String externalId) {

    @Override
    public String toString() {
      return "roleArn="
          + arn
          + ", sessionName="
          + sessionName
          + ", durationSeconds="
          + durationSeconds
          + ", externalId="
          + (externalId == null ? "none" : "set");
    }
  }

  @Override
  public String toString() {
    return "AssumeRoleCall["
        + role
        + ", mfaSerial="
        + mfaSerial
        + ", tokenCode="
        + (tokenCode == null ? "none" : "******")
        + ", "
        + sts.forLog(caBundle)
        + "]";
  }
}

package dev.rolekeeper.sts;

/**
 * One AssumeRoleWithWebIdentity request: unsigned, the token is the credential.
 *
 * @param roleArn the role to assume
 * @param sessionName the RoleSessionName (2–64 of {@code [\w+=,.@-]})
 * @param durationSeconds the DurationSeconds asked for
 * @param webIdentityToken the OIDC token as read from the token file; never printed
 * @param sts the STS endpoint and signing region
 * @param caBundle the calling profile's {@code ca_bundle}, or null
 */
public record WebIdentityCall(
    String roleArn,
    String sessionName,
    int durationSeconds,
    String webIdentityToken,
    StsTarget sts,
    String caBundle) {

  @Override
  public String toString() {
    return "WebIdentityCall[roleArn="
        + roleArn
        + ", sessionName="
        + sessionName
        + ", durationSeconds="
        + durationSeconds
        + ", webIdentityToken=******, "
        + sts.forLog(caBundle)
        + "]";
  }
}

package dev.rolekeeper.sts;

import dev.rolekeeper.credentials.AwsCredentials;

/**
 * One GetSessionToken request with MFA.
 *
 * @param source long-term credentials of the user who owns the MFA device
 * @param durationSeconds 900–129600
 * @param mfaSerial the MFA device serial
 * @param tokenCode the 6-digit MFA code; never printed
 * @param sts the STS endpoint and signing region
 * @param caBundle the {@code ca_bundle} of the profile the session is for, or null
 */
public record SessionTokenCall(
    AwsCredentials source,
    int durationSeconds,
    String mfaSerial,
    String tokenCode,
    StsTarget sts,
    String caBundle) {

  @Override
  public String toString() {
    return "SessionTokenCall[durationSeconds="
        + durationSeconds
        + ", mfaSerial="
        + mfaSerial
        + ", tokenCode=******, "
        + sts.forLog(caBundle)
        + "]";
  }
}

package dev.rolekeeper.session;

import java.time.Instant;

/**
 * A secret-free snapshot of one served profile, for {@code rolekeeper status} and the control
 * routes.
 *
 * @param profile the served profile name
 * @param plan how credentials are obtained and why, e.g. "AssumeRole with keys of profile dev"
 * @param roleArn the role this profile assumes
 * @param mfaDevice the MFA device whose codes this profile needs, or {@code null}
 * @param refresh where its refreshing stands
 * @param sts where its STS calls go
 */
public record SessionStatus(
    String profile, String plan, String roleArn, String mfaDevice, Refresh refresh, Sts sts) {

  /**
   * @param state a short state word: {@code Fresh}, {@code Refreshing}, {@code MfaRequired}, {@code
   *     Failed}, ...
   * @param expiration when the served credentials expire, or {@code null} when none are held
   * @param nextRefresh when the next refresh is planned, or {@code null}
   * @param nextCodeNeeded when the next MFA code will be asked for, or {@code null} when none is
   *     needed
   * @param lastError the last error, free of secrets, or {@code null}
   */
  public record Refresh(
      String state,
      Instant expiration,
      Instant nextRefresh,
      Instant nextCodeNeeded,
      String lastError) {}

  /**
   * @param endpoint where the profile's STS calls go and why, one short line, or {@code null} when
   *     it makes none of its own
   * @param region the region the profile resolves to, or {@code null}
   * @param network the proxy (password hidden) and CA bundle of its STS calls, or {@code null}
   */
  public record Sts(String endpoint, String region, String network) {}
}

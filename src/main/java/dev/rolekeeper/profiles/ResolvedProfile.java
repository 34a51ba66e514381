package dev.rolekeeper.profiles;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A profile with its {@code source_profile} chain followed and every setting validated.
 *
 * <p>For a role profile {@link #source()} is what signs the AssumeRole call; for any other profile
 * it is the profile's own credentials (IAM Identity Center, static keys or {@code
 * credential_process}). Optional settings are {@code null} when absent. Secrets live only inside
 * {@link Source.StaticKeys}, which redacts itself, so {@link #toString()} is safe to log.
 *
 * @param name the profile name ({@code default}, or x of {@code [profile x]})
 * @param roleArn {@code role_arn}, or {@code null} when this is not a role profile
 * @param source where the credentials come from, never {@code null}
 * @param mfaSerial {@code mfa_serial} (an MFA device ARN or serial number), or {@code null}
 * @param externalId {@code external_id}, or {@code null}
 * @param roleSessionName {@code role_session_name}, or {@code null}
 * @param durationSeconds {@code duration_seconds}, within 900..43200, or {@code null}
 * @param region {@code region}, or {@code null}
 * @param stsRegionalEndpoints {@code sts_regional_endpoints} ({@code regional} or {@code legacy}),
 *     or {@code null}
 * @param mfaProcess {@code mfa_process} (rolekeeper's own key: a command printing a TOTP code), or
 *     {@code null}
 * @param definedIn the file that defines the profile's role (or, if not a role, its credentials)
 * @param caBundle {@code ca_bundle}: a PEM file of CAs its AWS calls trust, or {@code null}
 */
public record ResolvedProfile(
    String name,
    String roleArn,
    Source source,
    String mfaSerial,
    String externalId,
    String roleSessionName,
    Integer durationSeconds,
    String region,
    String stsRegionalEndpoints,
    String mfaProcess,
    Path definedIn,
    String caBundle) {

  public ResolvedProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(definedIn, "definedIn");
  }

  /** True when the profile has a {@code role_arn}, i.e. its credentials come from AssumeRole. */
  public boolean isRole() {
    return roleArn != null;
  }

  /**
   * True for an IAM Identity Center profile of its own (no role_arn): its credentials come from the
   * SSO portal.
   */
  public boolean isSso() {
    return !isRole() && source instanceof Source.Sso;
  }
}

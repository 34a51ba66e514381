package dev.rolekeeper.profiles;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A profile with its {@code source_profile} chain followed and every setting validated.
 *
 * <p>For a role profile {@link #source()} is what signs the AssumeRole call; for any other profile
 * it is the profile's own credentials (IAM Identity Center, a console sign-in session, static keys
 * or {@code credential_process}). Optional settings are {@code null} when absent. Secrets live only
 * inside {@link Source.StaticKeys}, which redacts itself, so {@link #toString()} is safe to log.
 *
 * @param name the profile name ({@code default}, or x of {@code [profile x]})
 * @param source where the credentials come from, never {@code null}
 * @param definedIn the file that defines the profile's role (or, if not a role, its credentials)
 * @param role its AssumeRole settings, never {@code null}
 * @param mfa its MFA device and the command that prints its codes, never {@code null}
 * @param client the settings of its own AWS calls, never {@code null}
 */
public record ResolvedProfile(
    String name, Source source, Path definedIn, Role role, Mfa mfa, Client client) {

  public ResolvedProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(definedIn, "definedIn");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(mfa, "mfa");
    Objects.requireNonNull(client, "client");
  }

  /**
   * The AssumeRole settings; all but {@code arn} are read and checked on any profile.
   *
   * @param arn {@code role_arn}, or {@code null} when this is not a role profile
   * @param externalId {@code external_id}, or {@code null}
   * @param sessionName {@code role_session_name}, or {@code null}
   * @param durationSeconds {@code duration_seconds}, within 900..43200, or {@code null}
   */
  public record Role(String arn, String externalId, String sessionName, Integer durationSeconds) {}

  /**
   * MFA.
   *
   * @param serial {@code mfa_serial} (an MFA device ARN or serial number), or {@code null}
   * @param process {@code mfa_process} (rolekeeper's own key: a command printing a TOTP code), or
   *     {@code null}
   */
  public record Mfa(String serial, String process) {}

  /**
   * The settings of the profile's own AWS calls.
   *
   * @param region {@code region}, or {@code null}
   * @param stsRegionalEndpoints {@code sts_regional_endpoints} ({@code regional} or {@code
   *     legacy}), or {@code null}
   * @param caBundle {@code ca_bundle}: a PEM file of CAs its AWS calls trust, or {@code null}
   */
  public record Client(String region, String stsRegionalEndpoints, String caBundle) {}

  /** True when the profile has a {@code role_arn}, i.e. its credentials come from AssumeRole. */
  public boolean isRole() {
    return role.arn() != null;
  }

  /**
   * True for an IAM Identity Center profile of its own (no role_arn): its credentials come from the
   * SSO portal.
   */
  public boolean isSso() {
    return !isRole() && source instanceof Source.Sso;
  }

  /**
   * True for a console sign-in profile of its own ({@code login_session}, no role_arn): its
   * credentials come from AWS Sign-In.
   */
  public boolean isLogin() {
    return !isRole() && source instanceof Source.LoginSession;
  }

  /**
   * True when rolekeeper keeps sessions of this profile: a role, an IAM Identity Center profile or
   * a console sign-in session. Keys and {@code credential_process} profiles are only sources.
   */
  public boolean isServable() {
    return isRole() || isSso() || isLogin();
  }
}

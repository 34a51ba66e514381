package dev.rolekeeper.profiles;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The IAM Identity Center settings of one profile, as the AWS CLI v2 and the SDKs read them: either
 * an {@code sso_session} naming an {@code [sso-session NAME]} section, or the legacy {@code
 * sso_start_url} and {@code sso_region} in the profile itself.
 *
 * @param sessionName the {@code sso_session} name, or {@code null} for the legacy form
 * @param startUrl the portal start URL ({@code https://x.awsapps.com/start})
 * @param region the region of the Identity Center instance (OIDC and portal endpoints)
 * @param scopes {@code sso_registration_scopes}; empty for the legacy form, which registers without
 *     scopes
 * @param role the role it signs in to
 * @param caBundle the profile's {@code ca_bundle} (trusted by its Identity Center calls), or null;
 *     not part of {@link #cacheKey()}: profiles of one sign-in share its token whatever they trust
 */
public record SsoSettings(
    String sessionName,
    String startUrl,
    String region,
    List<String> scopes,
    Role role,
    String caBundle) {

  /** The scope the AWS CLI asks for when {@code sso_registration_scopes} is absent. */
  public static final String DEFAULT_SCOPE = "sso:account:access";

  public SsoSettings {
    Objects.requireNonNull(startUrl, "startUrl");
    Objects.requireNonNull(region, "region");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(role, "role");
  }

  /**
   * The role whose credentials the portal hands out.
   *
   * @param accountId the 12-digit account of the role
   * @param name the permission set's role name
   */
  public record Role(String accountId, String name) {}

  /** Without a {@code ca_bundle}. */
  public SsoSettings(
      String sessionName,
      String startUrl,
      String region,
      List<String> scopes,
      String accountId,
      String roleName) {
    this(sessionName, startUrl, region, scopes, new Role(accountId, roleName), null);
  }

  /**
   * True for {@code sso_session} profiles: they may refresh their token; the legacy form cannot.
   */
  public boolean hasSession() {
    return sessionName != null;
  }

  /**
   * What names the sign-in: the session name, or the start URL for the legacy form (the token cache
   * key).
   */
  public String cacheKey() {
    return hasSession() ? sessionName : startUrl;
  }

  /**
   * The token cache file name the AWS CLI and SDKs use: the hex SHA-1 of {@link #cacheKey()}, plus
   * ".json".
   */
  public String cacheFileName() {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-1").digest(cacheKey().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash) + ".json";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }

  /** For people: "SSO session corp" or "SSO start URL https://…". */
  public String label() {
    return hasSession() ? "SSO session " + sessionName : "SSO start URL " + startUrl;
  }
}

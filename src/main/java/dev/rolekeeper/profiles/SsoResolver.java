package dev.rolekeeper.profiles;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a profile's IAM Identity Center settings with the SDKs' rules: a profile is an SSO profile
 * when it has any of {@code sso_session}, {@code sso_start_url}, {@code sso_region}, {@code
 * sso_account_id}, {@code sso_role_name}; it then needs the account and role, and either an {@code
 * sso_session} whose {@code [sso-session]} section has {@code sso_start_url} and {@code
 * sso_region}, or both of those in the profile. A profile that has {@code sso_session} and also its
 * own start URL or region must agree with the section, as the AWS CLI requires.
 */
final class SsoResolver {

  private static final List<String> SSO_KEYS =
      List.of(
          ProfileKeys.SSO_SESSION,
          ProfileKeys.SSO_START_URL,
          ProfileKeys.SSO_REGION,
          ProfileKeys.SSO_ACCOUNT_ID,
          ProfileKeys.SSO_ROLE_NAME);
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private final Map<String, Map<String, String>> sessions;
  private final String sessionsError;
  private final String configFile;

  /**
   * @param sessions the {@code [sso-session]} sections by name
   * @param sessionsError why the sections could not be read, or null
   */
  SsoResolver(Map<String, Map<String, String>> sessions, String sessionsError, String configFile) {
    this.sessions = sessions;
    this.sessionsError = sessionsError;
    this.configFile = configFile;
  }

  static boolean isSso(RawProfile raw) {
    return SSO_KEYS.stream().anyMatch(raw::has);
  }

  /**
   * The SSO source of {@code raw}, or empty when it has no SSO settings; throws when they are
   * incomplete.
   */
  Optional<Source.Sso> source(RawProfile raw) throws ProfileException {
    if (!isSso(raw)) {
      return Optional.empty();
    }
    String sessionName = raw.get(ProfileKeys.SSO_SESSION).orElse(null);
    SsoSettings settings = sessionName != null ? withSession(raw, sessionName) : legacy(raw);
    return Optional.of(new Source.Sso(raw.name(), settings));
  }

  private SsoSettings withSession(RawProfile raw, String name) throws ProfileException {
    if (sessionsError != null) {
      throw new ProfileException(
          raw.where(ProfileKeys.SSO_SESSION)
              + " names sso_session '"
              + name
              + "', but the [sso-session] sections cannot be read: "
              + sessionsError);
    }
    Map<String, String> section = sessions.get(name);
    if (section == null) {
      throw new ProfileException(
          raw.where(ProfileKeys.SSO_SESSION)
              + " names sso_session '"
              + name
              + "', but "
              + configFile
              + " has no [sso-session "
              + name
              + "] section");
    }
    String startUrl =
        sectionValue(
            section,
            name,
            ProfileKeys.SSO_START_URL,
            "the portal URL, such as" + " https://my-org.awsapps.com/start");
    String region =
        sectionValue(section, name, ProfileKeys.SSO_REGION, "the region of IAM Identity Center");
    agree(raw, name, ProfileKeys.SSO_START_URL, startUrl);
    agree(raw, name, ProfileKeys.SSO_REGION, region);
    String scopesText =
        Optional.ofNullable(section.get(ProfileKeys.SSO_REGISTRATION_SCOPES)).orElse("").strip();
    List<String> scopes =
        scopesText.isEmpty()
            ? List.of(SsoSettings.DEFAULT_SCOPE)
            : Arrays.stream(scopesText.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    return new SsoSettings(name, startUrl, region, scopes, role(raw), caBundle(raw));
  }

  private SsoSettings legacy(RawProfile raw) throws ProfileException {
    String startUrl =
        raw.get(ProfileKeys.SSO_START_URL)
            .orElseThrow(
                () ->
                    incomplete(
                        raw,
                        ProfileKeys.SSO_START_URL
                            + " (or sso_session naming an [sso-session] section)"));
    String region =
        raw.get(ProfileKeys.SSO_REGION)
            .orElseThrow(
                () ->
                    incomplete(
                        raw,
                        ProfileKeys.SSO_REGION
                            + " (or sso_session naming an [sso-session] section)"));
    return new SsoSettings(null, startUrl, region, List.of(), role(raw), caBundle(raw));
  }

  private static String caBundle(RawProfile raw) {
    return raw.get(ProfileKeys.CA_BUNDLE).orElse(null);
  }

  private String sectionValue(Map<String, String> section, String name, String key, String what)
      throws ProfileException {
    String value = section.get(key);
    if (value == null || value.isBlank()) {
      throw new ProfileException(
          "[sso-session " + name + "] in " + configFile + " has no " + key + " (" + what + ")");
    }
    return value.strip();
  }

  private static void agree(RawProfile raw, String name, String key, String sessionValue)
      throws ProfileException {
    Optional<String> own = raw.get(key);
    if (own.isPresent() && !own.get().equals(sessionValue)) {
      throw new ProfileException(
          raw.where(key)
              + " has "
              + key
              + " '"
              + own.get()
              + "', but its sso_session '"
              + name
              + "' says '"
              + sessionValue
              + "'; remove it from the profile");
    }
  }

  /** Its {@code sso_account_id} (checked first) and {@code sso_role_name}. */
  private static SsoSettings.Role role(RawProfile raw) throws ProfileException {
    String account =
        raw.get(ProfileKeys.SSO_ACCOUNT_ID)
            .orElseThrow(
                () ->
                    incomplete(
                        raw, ProfileKeys.SSO_ACCOUNT_ID + " (the 12-digit account of the role)"));
    if (!ACCOUNT.matcher(account).matches()) {
      throw new ProfileException(
          raw.where(ProfileKeys.SSO_ACCOUNT_ID)
              + ": sso_account_id '"
              + account
              + "' must be a 12-digit account id");
    }
    return new SsoSettings.Role(
        account,
        raw.get(ProfileKeys.SSO_ROLE_NAME)
            .orElseThrow(
                () ->
                    incomplete(
                        raw, ProfileKeys.SSO_ROLE_NAME + " (the permission set's role name)")));
  }

  private static ProfileException incomplete(RawProfile raw, String missing) {
    return new ProfileException(
        raw.where() + " is an IAM Identity Center profile but has no " + missing);
  }
}

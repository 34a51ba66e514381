package dev.rolekeeper.profiles;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the settings of a role profile against what STS accepts, so a typo fails at load with
 * the profile and file named instead of as an STS error later. Only non-secret values are quoted in
 * messages.
 */
final class RoleSettings {

  static final int MIN_DURATION = 900;
  static final int MAX_DURATION = 43_200;
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Set<String> STS_ENDPOINTS = Set.of("regional", "legacy");

  private RoleSettings() {}

  static String roleArn(RawProfile raw) throws ProfileException {
    String arn = raw.get(ProfileKeys.ROLE_ARN).orElseThrow();
    if (!ROLE_ARN.matcher(arn).matches()) {
      throw new ProfileException(
          raw.where(ProfileKeys.ROLE_ARN)
              + ": role_arn '"
              + arn
              + "' is not a role ARN such as arn:aws:iam::123456789012:role/NAME");
    }
    return arn;
  }

  static Integer durationSeconds(RawProfile raw) throws ProfileException {
    String text = raw.get(ProfileKeys.DURATION_SECONDS).orElse(null);
    if (text == null) {
      return null;
    }
    int seconds;
    try {
      seconds = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw outOfRange(raw, text);
    }
    if (seconds < MIN_DURATION || seconds > MAX_DURATION) {
      throw outOfRange(raw, text);
    }
    return seconds;
  }

  private static ProfileException outOfRange(RawProfile raw, String text) {
    return new ProfileException(
        raw.where(ProfileKeys.DURATION_SECONDS)
            + ": duration_seconds '"
            + text
            + "' must be a whole number of seconds from "
            + MIN_DURATION
            + " to "
            + MAX_DURATION);
  }

  static String roleSessionName(RawProfile raw) throws ProfileException {
    String name = raw.get(ProfileKeys.ROLE_SESSION_NAME).orElse(null);
    if (name != null && !SESSION_NAME.matcher(name).matches()) {
      throw new ProfileException(
          raw.where(ProfileKeys.ROLE_SESSION_NAME)
              + ": role_session_name '"
              + name
              + "' must be 2 to 64 letters, digits or + = , . @ _ -");
    }
    return name;
  }

  static String stsRegionalEndpoints(RawProfile raw) throws ProfileException {
    String value = raw.get(ProfileKeys.STS_REGIONAL_ENDPOINTS).orElse(null);
    if (value != null && !STS_ENDPOINTS.contains(value)) {
      throw new ProfileException(
          raw.where(ProfileKeys.STS_REGIONAL_ENDPOINTS)
              + ": sts_regional_endpoints '"
              + value
              + "' must be 'regional' or 'legacy'");
    }
    return value;
  }

  static Source.CredentialSource credentialSource(RawProfile raw) throws ProfileException {
    String value = raw.get(ProfileKeys.CREDENTIAL_SOURCE).orElseThrow();
    if (!Source.CredentialSource.NAMES.contains(value)) {
      throw new ProfileException(
          raw.where(ProfileKeys.CREDENTIAL_SOURCE)
              + ": credential_source '"
              + value
              + "' must be Environment, Ec2InstanceMetadata or EcsContainer");
    }
    return new Source.CredentialSource(value);
  }
}

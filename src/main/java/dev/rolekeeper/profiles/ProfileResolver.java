package dev.rolekeeper.profiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows a profile's {@code source_profile} chain and validates it, with AWS SDK for Java v2
 * precedence: a profile with {@code role_arn} is a role (its source is {@code source_profile} or
 * {@code credential_source}, exactly one); otherwise its own {@code credential_process}, then its
 * static keys. A source profile that is itself a role is resolved recursively (role chaining). As
 * in botocore, {@code source_profile} may name the profile itself when that profile holds static
 * keys; any other loop is an error naming the chain.
 */
final class ProfileResolver {

  private final Map<String, RawProfile> profiles;
  private final String filesText;
  private final SsoResolver sso;

  ProfileResolver(Map<String, RawProfile> profiles, AwsFileLocations locations, SsoResolver sso) {
    this.profiles = profiles;
    this.filesText = locations.configFile() + " or " + locations.credentialsFile();
    this.sso = sso;
  }

  ResolvedProfile resolve(String name) throws ProfileException {
    RawProfile raw = profiles.get(name);
    if (raw == null) {
      throw new ProfileException("profile '" + name + "' is not defined in " + filesText);
    }
    return resolve(raw, List.of());
  }

  private ResolvedProfile resolve(RawProfile raw, List<String> chain) throws ProfileException {
    List<String> path = append(chain, raw.name());
    if (!raw.has(ProfileKeys.ROLE_ARN)) {
      Source own = ownCredentials(raw).orElseThrow(() -> noCredentials(raw, chain));
      return build(raw, null, own, credentialsFile(raw));
    }
    String roleArn = RoleSettings.roleArn(raw);
    return build(raw, roleArn, roleSource(raw, path), raw.origins().get(ProfileKeys.ROLE_ARN));
  }

  private Source roleSource(RawProfile raw, List<String> path) throws ProfileException {
    if (raw.has(ProfileKeys.WEB_IDENTITY_TOKEN_FILE)) {
      // Before source_profile and credential_source, as botocore and the Java SDK both check it.
      return new Source.WebIdentity(raw.get(ProfileKeys.WEB_IDENTITY_TOKEN_FILE).orElseThrow());
    }
    boolean hasSourceProfile = raw.has(ProfileKeys.SOURCE_PROFILE);
    boolean hasCredentialSource = raw.has(ProfileKeys.CREDENTIAL_SOURCE);
    if (hasSourceProfile && hasCredentialSource) {
      throw new ProfileException(
          raw.where() + " has both source_profile and credential_source; keep one");
    }
    if (hasCredentialSource) {
      return RoleSettings.credentialSource(raw);
    }
    if (!hasSourceProfile) {
      throw new ProfileException(
          raw.where(ProfileKeys.ROLE_ARN)
              + " has role_arn but neither source_profile nor credential_source to assume it with"
              + " (nor a web_identity_token_file)");
    }
    return sourceProfile(raw, raw.get(ProfileKeys.SOURCE_PROFILE).orElseThrow(), path);
  }

  private Source sourceProfile(RawProfile raw, String sourceName, List<String> path)
      throws ProfileException {
    if (sourceName.equals(raw.name())) {
      return staticKeys(raw).orElseThrow(() -> cycle(raw, append(path, sourceName)));
    }
    RawProfile source = profiles.get(sourceName);
    if (source == null) {
      throw new ProfileException(
          raw.where(ProfileKeys.SOURCE_PROFILE)
              + " names source_profile '"
              + sourceName
              + "', which is not defined in "
              + filesText);
    }
    if (path.contains(sourceName)) {
      throw cycle(raw, append(path, sourceName));
    }
    if (source.has(ProfileKeys.ROLE_ARN)) {
      return new Source.RoleSource(resolve(source, path));
    }
    return ownCredentials(source).orElseThrow(() -> noCredentials(source, path));
  }

  /**
   * As SDK v2: IAM Identity Center settings first, then {@code credential_process}, then static
   * keys.
   */
  private Optional<Source> ownCredentials(RawProfile raw) throws ProfileException {
    Optional<Source.Sso> identityCenter = sso.source(raw);
    if (identityCenter.isPresent()) {
      return Optional.of(identityCenter.get());
    }
    Optional<String> process = raw.get(ProfileKeys.CREDENTIAL_PROCESS);
    if (process.isPresent()) {
      return Optional.of(new Source.CredentialProcess(process.get()));
    }
    return staticKeys(raw).map(Source.class::cast);
  }

  private static Optional<Source.StaticKeys> staticKeys(RawProfile raw) throws ProfileException {
    Optional<String> id = raw.get(ProfileKeys.ACCESS_KEY_ID);
    Optional<String> secret = raw.get(ProfileKeys.SECRET_ACCESS_KEY);
    if (id.isPresent() != secret.isPresent()) {
      String missing = id.isPresent() ? ProfileKeys.SECRET_ACCESS_KEY : ProfileKeys.ACCESS_KEY_ID;
      String present = id.isPresent() ? ProfileKeys.ACCESS_KEY_ID : ProfileKeys.SECRET_ACCESS_KEY;
      throw new ProfileException(
          raw.where(present) + " has " + present + " but no " + missing + hint(raw));
    }
    if (id.isEmpty()) {
      return Optional.empty();
    }
    String token = raw.get(ProfileKeys.SESSION_TOKEN).orElse(null);
    return Optional.of(new Source.StaticKeys(id.get(), secret.get(), token));
  }

  private static ResolvedProfile build(
      RawProfile raw, String roleArn, Source source, Path definedIn) throws ProfileException {
    return new ResolvedProfile(
        raw.name(),
        roleArn,
        source,
        raw.get(ProfileKeys.MFA_SERIAL).orElse(null),
        raw.get(ProfileKeys.EXTERNAL_ID).orElse(null),
        RoleSettings.roleSessionName(raw),
        RoleSettings.durationSeconds(raw),
        raw.get(ProfileKeys.REGION).orElse(null),
        RoleSettings.stsRegionalEndpoints(raw),
        raw.get(ProfileKeys.MFA_PROCESS).orElse(null),
        definedIn != null ? definedIn : raw.files().get(0));
  }

  private static Path credentialsFile(RawProfile raw) {
    Path process = raw.origins().get(ProfileKeys.CREDENTIAL_PROCESS);
    Path sso = raw.origins().get(SsoResolver.isSso(raw) ? ProfileKeys.SSO_ACCOUNT_ID : "");
    return process != null
        ? process
        : sso != null ? sso : raw.origins().get(ProfileKeys.ACCESS_KEY_ID);
  }

  private static ProfileException noCredentials(RawProfile raw, List<String> usedBy) {
    String role =
        usedBy.isEmpty()
            ? ""
            : ", but it is the source_profile of '" + usedBy.get(usedBy.size() - 1) + "'";
    return new ProfileException(
        raw.where()
            + " has no credentials (aws_access_key_id and aws_secret_access_key, "
            + "credential_process, or role_arn)"
            + role
            + (raw.has(ProfileKeys.WEB_IDENTITY_TOKEN_FILE)
                ? "; web_identity_token_file needs a role_arn to assume with the token"
                : "")
            + hint(raw));
  }

  private static ProfileException cycle(RawProfile raw, List<String> chain) {
    return new ProfileException(
        raw.where(ProfileKeys.SOURCE_PROFILE)
            + ": source_profile loop "
            + String.join(" -> ", chain)
            + (chain.size() == 2 ? " (a profile may name itself only if it has static keys)" : ""));
  }

  private static String hint(RawProfile raw) {
    List<String> miscased = raw.miscasedKeys();
    return miscased.isEmpty()
        ? ""
        : " (ignored " + miscased + ": property names are case-sensitive and must be lower case)";
  }

  private static List<String> append(List<String> chain, String name) {
    List<String> longer = new ArrayList<>(chain);
    longer.add(name);
    return List.copyOf(longer);
  }
}

package dev.rolekeeper.profiles;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Follows a profile's {@code source_profile} chain and validates it, with AWS SDK for Java v2
 * precedence: a profile with {@code role_arn} is a role (its source is {@code source_profile} or
 * {@code credential_source}, exactly one); otherwise its own credentials ({@link OwnCredentials}:
 * IAM Identity Center, {@code login_session}, {@code credential_process}, static keys). A source
 * profile that is itself a role is followed too (role chaining), in a loop rather than by
 * recursion, and at most {@link #MAX_HOPS} hops: a chain from the files can be as long as the
 * files, and each level of recursion costs stack. As in botocore, {@code source_profile} may name
 * the profile itself when that profile holds static keys; any other loop is an error naming the
 * chain.
 */
final class ProfileResolver {

  /**
   * The most {@code source_profile} hops followed from one profile. Real chains have one to three;
   * STS caps a chained session at an hour either way. (botocore and the SDK for Java v2 set no
   * limit: they recurse and detect loops, so a long enough chain ends in a stack overflow.)
   */
  static final int MAX_HOPS = 16;

  private final Map<String, RawProfile> profiles;
  private final String filesText;
  private final OwnCredentials own;

  ProfileResolver(Map<String, RawProfile> profiles, AwsFiles locations, SsoResolver sso) {
    this.profiles = profiles;
    this.filesText = locations.configFile() + " or " + locations.credentialsFile();
    this.own = new OwnCredentials(sso);
  }

  ResolvedProfile resolve(String name) throws ProfileException {
    RawProfile raw = profiles.get(name);
    if (raw == null) {
      throw new ProfileException("profile '" + name + "' is not defined in " + filesText);
    }
    if (!raw.has(ProfileKeys.ROLE_ARN)) {
      Source credentials = own.of(raw).orElseThrow(() -> noCredentials(raw, List.of()));
      return build(raw, null, credentials, OwnCredentials.file(raw, credentials));
    }
    // Walks down the chain of roles to the first source that is not a role, then builds the
    // resolved profiles back up from there: the same checks, in the same order, as recursion.
    List<RawProfile> roles = new ArrayList<>();
    Set<String> path = new LinkedHashSet<>();
    RawProfile role = raw;
    Source source = null;
    while (source == null) {
      roles.add(role);
      path.add(role.name());
      RoleSettings.roleArn(role);
      RawProfile next = roleSourceProfile(role, path);
      if (next == null) {
        source = roleSource(role, path);
      } else if (!next.has(ProfileKeys.ROLE_ARN)) {
        source = own.of(next).orElseThrow(() -> noCredentials(next, List.copyOf(path)));
      } else if (roles.size() > MAX_HOPS - 1) {
        throw tooLong(raw, path, next);
      } else {
        role = next;
      }
    }
    ResolvedProfile resolved = null;
    for (int i = roles.size() - 1; i >= 0; i--) {
      RawProfile each = roles.get(i);
      resolved =
          build(
              each,
              RoleSettings.roleArn(each),
              resolved == null ? source : new Source.RoleSource(resolved),
              each.origins().get(ProfileKeys.ROLE_ARN));
    }
    return resolved;
  }

  /**
   * The profile a role's {@code source_profile} names, when that is another profile; null when the
   * role's source is its web identity token file, its {@code credential_source} or its own static
   * keys ({@link #roleSource}).
   */
  private RawProfile roleSourceProfile(RawProfile raw, Set<String> path) throws ProfileException {
    if (raw.has(ProfileKeys.WEB_IDENTITY_TOKEN_FILE)) {
      return null; // its own web identity token, whatever else it names: roleSource
    }
    boolean hasSourceProfile = raw.has(ProfileKeys.SOURCE_PROFILE);
    boolean hasCredentialSource = raw.has(ProfileKeys.CREDENTIAL_SOURCE);
    if (hasSourceProfile && hasCredentialSource) {
      throw new ProfileException(
          raw.where() + " has both source_profile and credential_source; keep one");
    }
    if (hasCredentialSource) {
      return null;
    }
    if (!hasSourceProfile) {
      throw new ProfileException(
          raw.where(ProfileKeys.ROLE_ARN)
              + " has role_arn but neither source_profile nor credential_source to assume it with"
              + " (nor a web_identity_token_file)");
    }
    String sourceName = raw.get(ProfileKeys.SOURCE_PROFILE).orElseThrow();
    if (sourceName.equals(raw.name())) {
      return null;
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
    return source;
  }

  /**
   * The source of a role that names no other profile: its web identity token file (whatever else it
   * names), its credential_source, or its own keys.
   */
  private static Source roleSource(RawProfile raw, Set<String> path) throws ProfileException {
    if (raw.has(ProfileKeys.WEB_IDENTITY_TOKEN_FILE)) {
      // Before source_profile and credential_source, as botocore and the Java SDK both check it.
      return new Source.WebIdentity(raw.get(ProfileKeys.WEB_IDENTITY_TOKEN_FILE).orElseThrow());
    }
    if (raw.has(ProfileKeys.CREDENTIAL_SOURCE)) {
      return RoleSettings.credentialSource(raw);
    }
    return OwnCredentials.staticKeys(raw).orElseThrow(() -> cycle(raw, append(path, raw.name())));
  }

  private static ResolvedProfile build(
      RawProfile raw, String roleArn, Source source, Path definedIn) throws ProfileException {
    return new ResolvedProfile(
        raw.name(),
        source,
        definedIn != null ? definedIn : raw.files().get(0),
        new ResolvedProfile.Role(
            roleArn,
            raw.get(ProfileKeys.EXTERNAL_ID).orElse(null),
            RoleSettings.roleSessionName(raw),
            RoleSettings.durationSeconds(raw)),
        new ResolvedProfile.Mfa(
            raw.get(ProfileKeys.MFA_SERIAL).orElse(null),
            raw.get(ProfileKeys.MFA_PROCESS).orElse(null)),
        new ResolvedProfile.Client(
            raw.get(ProfileKeys.REGION).orElse(null),
            RoleSettings.stsRegionalEndpoints(raw),
            raw.get(ProfileKeys.CA_BUNDLE).orElse(null)));
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
            + OwnCredentials.hint(raw));
  }

  private static ProfileException cycle(RawProfile raw, List<String> chain) {
    return new ProfileException(
        raw.where(ProfileKeys.SOURCE_PROFILE)
            + ": source_profile loop "
            + String.join(" -> ", chain)
            + (chain.size() == 2 ? " (a profile may name itself only if it has static keys)" : ""));
  }

  private static ProfileException tooLong(RawProfile raw, Set<String> path, RawProfile next) {
    return new ProfileException(
        String.format(
            "%s: its source_profile chain is longer than %d hops (%s -> ...); rolekeeper follows"
                + " at most %d hops",
            raw.where(ProfileKeys.SOURCE_PROFILE),
            MAX_HOPS,
            String.join(" -> ", append(path, next.name())),
            MAX_HOPS));
  }

  private static List<String> append(Set<String> path, String name) {
    return Stream.concat(path.stream(), Stream.of(name)).toList();
  }
}

package dev.rolekeeper.profiles;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable snapshot of the profiles in the shared AWS config and credentials files.
 *
 * <p>Reading follows the AWS SDK for Java v2 (and, where it is stricter than the AWS CLI, says so
 * in {@link IniNormalizer}): in the config file {@code [profile x]} and {@code [default]} are
 * profiles, in the credentials file {@code [x]} is; duplicate sections merge with later keys
 * winning; for a profile in both files the credentials file's values win key by key; property names
 * are case-sensitive. Loading never resolves: a broken profile fails only when it is {@linkplain
 * #resolve(String) resolved}, so one bad profile does not hide the others.
 *
 * <p>Immutable and thread-safe. To pick up edits, load again. {@link #load} reads files, so on
 * Vert.x call it through {@code vertx.executeBlocking(...)}; {@link #resolve} only computes and may
 * run anywhere.
 */
public final class AwsProfiles {

  private static final Logger LOG = LoggerFactory.getLogger(AwsProfiles.class);

  private static final List<String> SERVING_KEYS =
      List.of(
          ProfileKeys.ROLE_ARN,
          ProfileKeys.SSO_SESSION,
          ProfileKeys.SSO_START_URL,
          ProfileKeys.SSO_ACCOUNT_ID,
          ProfileKeys.SSO_ROLE_NAME,
          ProfileKeys.WEB_IDENTITY_TOKEN_FILE,
          ProfileKeys.LOGIN_SESSION,
          ProfileKeys.CREDENTIAL_PROCESS,
          ProfileKeys.CREDENTIAL_SOURCE,
          ProfileKeys.SOURCE_PROFILE);

  private final AwsFiles locations;
  private final Map<String, RawProfile> profiles;
  private final ProfileResolver resolver;
  private final Map<String, Map<String, String>> services;

  private AwsProfiles(
      AwsFiles locations,
      Map<String, RawProfile> profiles,
      SsoResolver sso,
      Map<String, Map<String, String>> services) {
    this.locations = locations;
    this.profiles = profiles;
    this.resolver = new ProfileResolver(profiles, locations, sso);
    this.services = services;
  }

  /**
   * Reads both files. A missing file counts as empty.
   *
   * @throws ProfileException when a file cannot be read or has a line the SDKs also reject; the
   *     message names the file and line
   */
  public static AwsProfiles load(AwsFiles locations) throws ProfileException {
    Map<String, RawProfile> merged = new LinkedHashMap<>();
    add(
        merged,
        locations.configFile(),
        ProfileFileReader.read(locations.configFile(), ProfileFileKind.CONFIG));
    add(
        merged,
        locations.credentialsFile(),
        ProfileFileReader.read(locations.credentialsFile(), ProfileFileKind.CREDENTIALS));
    merged.values().forEach(AwsProfiles::warnMiscased);
    LOG.debug(
        "Read {} profiles from {} and {}",
        merged.size(),
        locations.configFile(),
        locations.credentialsFile());
    return new AwsProfiles(
        locations,
        Collections.unmodifiableMap(merged),
        ssoSessions(locations.configFile()),
        ProfileFileReader.read(locations.configFile(), ProfileFileKind.SERVICES));
  }

  /**
   * The {@code [sso-session]} sections. A broken one does not fail the load (profiles that do not
   * use it still work): its error is reported by the profiles that name an sso_session.
   */
  private static SsoResolver ssoSessions(Path configFile) {
    try {
      return new SsoResolver(
          ProfileFileReader.read(configFile, ProfileFileKind.SSO_SESSIONS),
          null,
          configFile.toString());
    } catch (ProfileException e) {
      return new SsoResolver(Map.of(), e.getMessage(), configFile.toString());
    }
  }

  private static void add(
      Map<String, RawProfile> merged, Path file, Map<String, Map<String, String>> read) {
    read.forEach(
        (name, properties) ->
            merged.merge(
                name,
                RawProfile.of(name, file, properties),
                (earlier, later) -> earlier.overriddenBy(file, properties)));
  }

  private static void warnMiscased(RawProfile raw) {
    for (String key : raw.miscasedKeys()) {
      LOG.warn(
          "{}: ignoring '{}': property names are case-sensitive, write '{}'",
          raw.where(key),
          key,
          key.toLowerCase(Locale.ROOT));
    }
  }

  /** The files this snapshot was read from. */
  public AwsFiles locations() {
    return locations;
  }

  /** Every profile name in either file, config-file profiles first, in file order. */
  public Set<String> names() {
    return profiles.keySet();
  }

  /**
   * The first key of profile {@code name} that shows it is meant to give credentials of its own (a
   * role, IAM Identity Center, a web identity, a process, a login session), or empty for a profile
   * of plain keys or settings only: what tells a profile someone meant to use apart from {@code
   * [default]} with keys.
   */
  public Optional<String> servingKey(String name) {
    RawProfile raw = profiles.get(name);
    return raw == null ? Optional.empty() : SERVING_KEYS.stream().filter(raw::has).findFirst();
  }

  /**
   * Resolves and validates one profile and, for a role, its whole source chain.
   *
   * @throws ProfileException naming the profile and file: unknown profile, a role with both or
   *     neither of {@code source_profile} and {@code credential_source}, a missing source, a source
   *     without credentials, a {@code source_profile} loop ({@code a -> b -> a}), a malformed
   *     {@code role_arn}, {@code duration_seconds} outside 900..43200, only one of the access key
   *     id and secret, or an unknown {@code credential_source}
   */
  public ResolvedProfile resolve(String name) throws ProfileException {
    return resolver.resolve(name);
  }

  /**
   * The settings of profile {@code name} that choose its STS endpoint and region, its own only.
   *
   * @throws ProfileException for an unknown profile, a {@code services} name without its section,
   *     or a value the SDKs refuse
   */
  public EndpointSettings endpointSettings(String name) throws ProfileException {
    RawProfile raw = profiles.get(name);
    if (raw == null) {
      throw new ProfileException(
          "profile "
              + name
              + " is in neither "
              + locations.configFile()
              + " nor "
              + locations.credentialsFile());
    }
    return EndpointSettings.of(raw, services);
  }

  /** The merged raw properties of a profile, for tests; values may be secret. */
  Map<String, String> properties(String name) {
    RawProfile raw = profiles.get(name);
    return raw == null ? Map.of() : raw.properties();
  }

  @Override
  public String toString() {
    return "AwsProfiles" + profiles.keySet();
  }
}

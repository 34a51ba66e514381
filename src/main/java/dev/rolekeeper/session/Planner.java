package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.AwsProfiles;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.profiles.ResolvedProfile;
import dev.rolekeeper.profiles.Source;
import dev.rolekeeper.sts.StsEndpoints;
import dev.rolekeeper.sts.StsTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses how each served profile gets its credentials (docs/ARCHITECTURE.md, "Planning a
 * session"):
 *
 * <ul>
 *   <li>no {@code mfa_serial}: AssumeRole signed by the source (keys, or the session of the source
 *       role);
 *   <li>{@code mfa_serial}, a session of at most 1 h and keys as the source: one shared
 *       GetSessionToken-with-MFA session per device feeds AssumeRole for every profile on it, so
 *       one code serves them all for a day;
 *   <li>{@code mfa_serial} and a longer session: AssumeRole with a code on every refresh (STS
 *       grants a temporary caller at most 1 h);
 *   <li>{@code mfa_serial} and temporary keys as the source (a session token, the instance's or
 *       container's role): AssumeRole with a code on every refresh, as the AWS CLI does, since STS
 *       refuses GetSessionToken to session credentials;
 *   <li>{@code web_identity_token_file}: AssumeRoleWithWebIdentity with the file's token.
 * </ul>
 *
 * Role chains are followed: a role profile used as a source gets a plan (and a session) of its own.
 */
public final class Planner {

  /** The AWS CLI's default role session length. */
  static final int DEFAULT_DURATION_SECONDS = 3600;

  private final AwsProfiles profiles;
  private final Map<String, String> env;
  private final Duration processTimeout;
  private final SsoRoleSource sso;
  private Set<Integer> ownPorts = Set.of();
  private StsEndpoints endpoints;

  public Planner(
      AwsProfiles profiles,
      String defaultRegion,
      Map<String, String> env,
      Duration processTimeout) {
    this(profiles, defaultRegion, env, processTimeout, SsoRoleSource.none());
  }

  /**
   * @param sso where IAM Identity Center profiles get their role credentials
   */
  public Planner(
      AwsProfiles profiles,
      String defaultRegion,
      Map<String, String> env,
      Duration processTimeout,
      SsoRoleSource sso) {
    this.profiles = profiles;
    this.env = Map.copyOf(env);
    this.processTimeout = processTimeout;
    this.sso = sso;
    this.endpoints = new StsEndpoints(env, Optional.empty(), Optional.ofNullable(defaultRegion));
  }

  /** How each role profile's STS endpoint and region are chosen (its own settings, not others'). */
  public Planner stsEndpoints(StsEndpoints endpoints) {
    this.endpoints = endpoints;
    return this;
  }

  /**
   * The loopback ports this daemon listens on: a {@code credential_source} whose endpoint is one of
   * them would ask rolekeeper itself, and is refused.
   */
  public Planner ownPorts(Set<Integer> ports) {
    this.ownPorts = Set.copyOf(ports);
    return this;
  }

  /**
   * Plans for the served profiles and for every role profile they chain from. A profile that cannot
   * be served gets an {@link Plan.Invalid} plan naming the problem (and the file), so the others
   * are served regardless.
   */
  public Map<String, Plan> plan(List<String> served) {
    Map<String, Plan> plans = new LinkedHashMap<>();
    for (String name : served) {
      try {
        ResolvedProfile profile = profiles.resolve(name);
        if (!profile.isRole() && !profile.isSso()) {
          throw new ProfileException(
              "profile "
                  + name
                  + " in "
                  + profile.definedIn()
                  + " has no role_arn and no IAM Identity Center settings; rolekeeper serves role sessions, so name a"
                  + " role or SSO profile");
        }
        add(profile, plans);
      } catch (ProfileException e) {
        plans.put(name, new Plan.Invalid(name, e.getMessage()));
      }
    }
    return plans;
  }

  /**
   * Every role and IAM Identity Center profile in the files, in name order: served when no list is
   * configured.
   */
  public List<String> roleProfiles() {
    return profiles.names().stream()
        .sorted()
        .filter(
            name -> {
              try {
                ResolvedProfile profile = profiles.resolve(name);
                return profile.isRole() || profile.isSso();
              } catch (ProfileException e) {
                return false;
              }
            })
        .toList();
  }

  private void add(ResolvedProfile profile, Map<String, Plan> plans) throws ProfileException {
    if (plans.containsKey(profile.name())) {
      return;
    }
    RoleHop hop = hopOf(profile);
    String device = profile.mfaSerial();
    Plan plan;
    if (profile.source() instanceof Source.Sso identityCenter) {
      plan = ssoPlan(profile, identityCenter, hop, device, plans);
    } else if (profile.source() instanceof Source.WebIdentity web) {
      plan = new WebIdentityPlan(hop, web.tokenFile());
    } else if (profile.source() instanceof Source.RoleSource parent) {
      add(parent.parent(), plans);
      plan = new Plan.Chained(hop.cappedForTemporaryCaller(), parent.parent().name(), device);
    } else {
      KeySource keys = keysOf(profile);
      if (device == null) {
        plan = new Plan.Direct(hop, keys);
      } else if (keys.temporary()) {
        plan = new Plan.MfaPerCall(hop.cappedForTemporaryCaller(), keys, device);
      } else if (hop.durationSeconds() > RoleHop.TEMPORARY_CALLER_MAX_SECONDS) {
        plan = new Plan.MfaPerCall(hop, keys, device);
      } else {
        plan = new Plan.MfaSession(hop, keys, device);
      }
    }
    plans.put(profile.name(), plan);
  }

  /**
   * An SSO profile's own plan; for a role whose source_profile is one, that profile's plan and a
   * chained hop.
   */
  private Plan ssoPlan(
      ResolvedProfile profile,
      Source.Sso identityCenter,
      RoleHop hop,
      String device,
      Map<String, Plan> plans) {
    String region = identityCenter.settings().region();
    if (!profile.isRole()) {
      return new SsoPlan(
          new RoleHop(
              profile.name(),
              null,
              null,
              0,
              null,
              profile.region() != null ? profile.region() : region),
          identityCenter.settings(),
          sso);
    }
    plans.putIfAbsent(
        identityCenter.profile(),
        new SsoPlan(
            new RoleHop(identityCenter.profile(), null, null, 0, null, region),
            identityCenter.settings(),
            sso));
    return new Plan.Chained(hop.cappedForTemporaryCaller(), identityCenter.profile(), device);
  }

  private RoleHop hopOf(ResolvedProfile profile) throws ProfileException {
    int duration =
        profile.durationSeconds() == null ? DEFAULT_DURATION_SECONDS : profile.durationSeconds();
    StsTarget target = null;
    if (profile.isRole()) {
      try {
        target = endpoints.resolve(profiles.endpointSettings(profile.name()), profile.roleArn());
      } catch (IllegalArgumentException e) {
        throw new ProfileException("profile " + profile.name() + ": " + e.getMessage());
      }
    }
    return new RoleHop(
        profile.name(),
        profile.roleArn(),
        sessionName(profile),
        duration,
        profile.externalId(),
        target);
  }

  private static String sessionName(ResolvedProfile profile) {
    if (profile.roleSessionName() != null) {
      return profile.roleSessionName();
    }
    String name = ("rolekeeper-" + profile.name()).replaceAll("[^\\w+=,.@-]", "-");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  private KeySource keysOf(ResolvedProfile profile) throws ProfileException {
    Source source = profile.source();
    if (source instanceof Source.StaticKeys keys) {
      return new KeySource.Static(
          new AwsCredentials(
              keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken(), null, null),
          "the keys of its source profile");
    }
    if (source instanceof Source.CredentialProcess process) {
      return new CredentialProcess(process.command(), profile.name(), processTimeout);
    }
    Source.CredentialSource credentialSource = (Source.CredentialSource) source;
    if ("Environment".equals(credentialSource.name())) {
      return new KeySource.Environment(env);
    }
    return MetadataSource.of(credentialSource.name(), profile.name(), env, ownPorts);
  }
}

package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.AwsProfiles;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.profiles.ResolvedProfile;
import dev.rolekeeper.profiles.Source;
import dev.rolekeeper.sts.StsEndpoints;
import dev.rolekeeper.sts.StsTarget;
import java.time.Duration;
import java.util.ArrayList;
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

  /**
   * Plans {@code profile} and the roles it chains from, the far end first so that a parent's plan
   * is in place before its child's; in a loop rather than by recursion ({@code ProfileResolver}
   * bounds the chain's length).
   */
  private void add(ResolvedProfile profile, Map<String, Plan> plans) throws ProfileException {
    List<ResolvedProfile> chain = new ArrayList<>();
    ResolvedProfile next = profile;
    while (next != null && !plans.containsKey(next.name())) {
      chain.add(next);
      next = next.source() instanceof Source.RoleSource parent ? parent.parent() : null;
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      ResolvedProfile each = chain.get(i);
      plans.put(each.name(), planOf(each, plans));
    }
  }

  private Plan planOf(ResolvedProfile profile, Map<String, Plan> plans) throws ProfileException {
    RoleHop hop = hopOf(profile);
    String device = profile.mfa().serial();
    if (profile.source() instanceof Source.Sso identityCenter) {
      return ssoPlan(profile, identityCenter, hop, device, plans);
    }
    if (profile.source() instanceof Source.WebIdentity web) {
      return new WebIdentityPlan(hop, web.tokenFile());
    }
    if (profile.source() instanceof Source.RoleSource parent) {
      return new Plan.Chained(hop.cappedForTemporaryCaller(), parent.parent().name(), device);
    }
    KeySource keys = keysOf(profile);
    if (device == null) {
      return new Plan.Direct(hop, keys);
    }
    if (keys.temporary()) {
      // STS refuses GetSessionToken to a temporary caller: the code goes with each AssumeRole.
      return new Plan.MfaPerCall(hop.cappedForTemporaryCaller(), keys, device);
    }
    if (hop.durationSeconds() > RoleHop.TEMPORARY_CALLER_MAX_SECONDS) {
      return new Plan.MfaPerCall(hop, keys, device);
    }
    return new Plan.MfaSession(hop, keys, device);
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
              new RoleHop.Route(
                  StsTarget.regional(
                      profile.client().region() != null ? profile.client().region() : region),
                  profile.client().caBundle())),
          identityCenter.settings(),
          sso);
    }
    plans.putIfAbsent(
        identityCenter.profile(),
        new SsoPlan(
            new RoleHop(
                identityCenter.profile(), null, null, 0, null, RoleHop.Route.regional(region)),
            identityCenter.settings(),
            sso));
    return new Plan.Chained(hop.cappedForTemporaryCaller(), identityCenter.profile(), device);
  }

  private RoleHop hopOf(ResolvedProfile profile) throws ProfileException {
    if (!profile.isRole()) {
      return RoleHop.of(profile, null);
    }
    try {
      return RoleHop.of(
          profile,
          endpoints.resolve(profiles.endpointSettings(profile.name()), profile.role().arn()));
    } catch (IllegalArgumentException e) {
      throw new ProfileException("profile " + profile.name() + ": " + e.getMessage());
    }
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
      return new ProcessKeySource(process, profile.name(), processTimeout);
    }
    Source.CredentialSource credentialSource = (Source.CredentialSource) source;
    if ("Environment".equals(credentialSource.name())) {
      return new KeySource.Environment(env);
    }
    return MetadataSource.of(credentialSource.name(), profile.name(), env, ownPorts);
  }
}

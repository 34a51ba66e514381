package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.AwsProfiles;
import dev.rolekeeper.profiles.EndpointSettings;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.profiles.ResolvedProfile;
import dev.rolekeeper.profiles.Source;
import dev.rolekeeper.sts.StsEndpoints;
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
 *   <li>{@code web_identity_token_file}: AssumeRoleWithWebIdentity with the file's token;
 *   <li>IAM Identity Center and {@code login_session} (console sign-in) profiles: served on their
 *       own, and a role whose source_profile is one chains from its session ({@link SignInPlans}).
 * </ul>
 *
 * Role chains are followed: a role profile used as a source gets a plan (and a session) of its own.
 */
public final class Planner {

  private final AwsProfiles profiles;
  private final Map<String, String> env;
  private final Duration processTimeout;
  private final String defaultRegion;
  private final SignInPlans signIns;
  private Set<Integer> ownPorts = Set.of();
  private StsEndpoints endpoints;

  public Planner(
      AwsProfiles profiles,
      String defaultRegion,
      Map<String, String> env,
      Duration processTimeout) {
    this(profiles, defaultRegion, env, processTimeout, SignInSources.none());
  }

  /**
   * @param defaultRegion the daemon's region: where a profile's calls go when nothing names one
   * @param signIns where IAM Identity Center and console sign-in profiles get their credentials
   */
  public Planner(
      AwsProfiles profiles,
      String defaultRegion,
      Map<String, String> env,
      Duration processTimeout,
      SignInSources signIns) {
    this.profiles = profiles;
    this.env = Map.copyOf(env);
    this.processTimeout = processTimeout;
    this.defaultRegion = defaultRegion;
    this.signIns = new SignInPlans(signIns);
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
        if (!profile.isServable()) {
          throw new ProfileException(
              "profile "
                  + name
                  + " in "
                  + profile.definedIn()
                  + " has no role_arn, IAM Identity Center settings or login_session; rolekeeper"
                  + " serves role sessions, so name a role, SSO or console sign-in profile");
        }
        add(profile, plans);
      } catch (ProfileException e) {
        plans.put(name, new Plan.Invalid(name, e.getMessage()));
      }
    }
    return plans;
  }

  /**
   * Every role, IAM Identity Center and console sign-in profile in the files, in name order: served
   * when no list is configured.
   */
  public List<String> roleProfiles() {
    return profiles.names().stream()
        .sorted()
        .filter(
            name -> {
              try {
                ResolvedProfile profile = profiles.resolve(name);
                return profile.isServable();
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
      return signIns.sso(profile, identityCenter, hop, plans);
    }
    if (profile.source() instanceof Source.LoginSession login) {
      return signIns.login(profile, login, loginSettings(login), hop, plans);
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
   * Where a console sign-in profile's Sign-In calls go, from that profile's own settings only: its
   * {@code region}, else the daemon's; the endpoint URL the environment or the profile configures
   * for {@code signin}, chosen as for STS ({@link StsEndpoints#configuredUrl}), else AWS's own.
   */
  private LoginSettings loginSettings(Source.LoginSession login) throws ProfileException {
    EndpointSettings own = profiles.endpointSettings(login.profile());
    try {
      String url =
          endpoints.configuredUrl(own, "signin").map(found -> found.url().toString()).orElse(null);
      return new LoginSettings(
          login.session(),
          own.region() != null ? own.region() : defaultRegion,
          url,
          login.caBundle());
    } catch (IllegalArgumentException e) {
      throw new ProfileException("profile " + login.profile() + ": " + e.getMessage());
    }
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

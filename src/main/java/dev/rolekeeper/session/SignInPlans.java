package dev.rolekeeper.session;

import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.profiles.ResolvedProfile;
import dev.rolekeeper.profiles.Source;
import dev.rolekeeper.sts.StsTarget;
import java.util.Map;

/**
 * The plans of profiles whose credentials stand on a person's sign-in (IAM Identity Center, a
 * console sign-in session), for the {@link Planner}: such a profile is served on its own, and a
 * role whose {@code source_profile} is one chains from that profile's plan.
 */
final class SignInPlans {

  private final SignInSources sources;

  SignInPlans(SignInSources sources) {
    this.sources = sources;
  }

  /**
   * An SSO profile's own plan; for a role whose source_profile is one, that profile's plan and a
   * chained hop.
   */
  Plan sso(
      ResolvedProfile profile, Source.Sso identityCenter, RoleHop hop, Map<String, Plan> plans) {
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
          sources.sso());
    }
    return chained(
        profile,
        hop,
        new SsoPlan(
            new RoleHop(
                identityCenter.profile(), null, null, 0, null, RoleHop.Route.regional(region)),
            identityCenter.settings(),
            sources.sso()),
        plans);
  }

  /**
   * A console sign-in profile's own plan, the same whether it is served or only a role's source (so
   * a reload that starts or stops serving it keeps its session); for a role whose source_profile is
   * one, that profile's plan and a chained hop.
   *
   * @param settings the session and where its Sign-In calls go, from the login profile's settings
   */
  Plan login(
      ResolvedProfile profile,
      Source.LoginSession login,
      LoginSettings settings,
      RoleHop hop,
      Map<String, Plan> plans) {
    LoginPlan own =
        new LoginPlan(
            new RoleHop(
                login.profile(), null, null, 0, null, RoleHop.Route.regional(settings.region())),
            settings,
            sources.login());
    return profile.isRole() ? chained(profile, hop, own, plans) : own;
  }

  /**
   * A role whose source_profile is a sign-in profile: that profile's plan (added once) and
   * AssumeRole signed with its temporary credentials, so at most 1 h, with the role's own {@code
   * mfa_serial} asked on every refresh (STS refuses GetSessionToken to temporary credentials).
   */
  private static Plan chained(
      ResolvedProfile role, RoleHop hop, Plan source, Map<String, Plan> plans) {
    plans.putIfAbsent(source.hop().profile(), source);
    return new Plan.Chained(
        hop.cappedForTemporaryCaller(), source.hop().profile(), role.mfa().serial());
  }
}

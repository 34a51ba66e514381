package dev.rolekeeper.service;

import dev.rolekeeper.endpoint.EndpointAddOns;
import dev.rolekeeper.mfa.MfaWiring;
import dev.rolekeeper.mfapage.MfaPage;
import dev.rolekeeper.session.Plan;
import dev.rolekeeper.sso.SsoWiring;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The routes the endpoint serves beside credentials: the MFA page and its control, the SSO sign-in,
 * and the status of the features the endpoint itself does not own.
 */
final class DaemonAddOns {

  private DaemonAddOns() {}

  static EndpointAddOns of(
      PromptWiring prompts, SsoWiring sso, SessionWiring core, ServedPlans planned) {
    JsonArray network = network(core, planned.plans());
    MfaWiring mfa = prompts.mfa();
    MfaPage page = prompts.page();
    return new EndpointAddOns(
        page.pageHandler(),
        page.submitHandler(),
        mfa.controlHandler(),
        sso.loginHandler(),
        () ->
            new JsonObject()
                .put("ssoSessions", sso.statusJson())
                .put("mfaPrompts", mfa.prompts().statusJson())
                .put("sync", core.sync().statusJson())
                .put("network", network));
  }

  /**
   * How the STS calls go out: for each region and CA bundle the planned profiles use, the proxy
   * (redacted) and the CA bundle, with the profiles that call that way. Known at start-up: the
   * environment does not change under a running daemon.
   */
  private static JsonArray network(SessionWiring core, Map<String, Plan> plans) {
    Map<String, JsonArray> profilesByRoute = new TreeMap<>();
    plans.forEach(
        (profile, plan) -> {
          if (plan.hop() != null && plan.hop().roleArn() != null && plan.hop().region() != null) {
            String route =
                core.gateway().describeNetwork(plan.hop().region(), plan.hop().caBundle());
            profilesByRoute
                .computeIfAbsent(plan.hop().region() + "\n" + route, k -> new JsonArray())
                .add(profile);
          }
        });
    JsonArray lines = new JsonArray();
    profilesByRoute.forEach(
        (key, profiles) -> {
          String[] parts = key.split("\n", 2);
          lines.add(
              new JsonObject()
                  .put("region", parts[0])
                  .put("sts", Objects.requireNonNull(parts[1]))
                  .put("profiles", profiles));
        });
    return lines;
  }
}

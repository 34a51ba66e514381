package dev.rolekeeper.service;

import dev.rolekeeper.credfile.CredentialsSync;
import dev.rolekeeper.endpoint.EndpointAddOns;
import dev.rolekeeper.mfa.MfaWiring;
import dev.rolekeeper.mfapage.MfaPage;
import dev.rolekeeper.sso.SsoWiring;
import io.vertx.core.json.JsonObject;

/**
 * The routes the endpoint serves beside credentials: the MFA page and its control, the SSO sign-in,
 * and the status of the features the endpoint itself does not own.
 */
final class DaemonAddOns {

  private DaemonAddOns() {}

  static EndpointAddOns of(PromptWiring prompts, SsoWiring sso, CredentialsSync sync) {
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
                .put("sync", sync.statusJson()));
  }
}

package dev.rolekeeper.daemon;

import dev.rolekeeper.credfile.CredentialsSync;
import dev.rolekeeper.http.EndpointAddOns;
import dev.rolekeeper.http.MfaPage;
import dev.rolekeeper.mfa.MfaWiring;
import io.vertx.core.json.JsonObject;

/**
 * The routes the endpoint serves beside credentials: the MFA page and its control, the SSO sign-in,
 * and the status of the features the endpoint itself does not own.
 */
final class DaemonAddOns {

  private DaemonAddOns() {}

  static EndpointAddOns of(
      PromptWiring prompts,
      SsoWiring sso,
      CredentialsSync sync,
      UnservedStatus unserved,
      ReloadErrors reloadErrors) {
    MfaWiring mfa = prompts.mfa();
    MfaPage page = prompts.page();
    return new EndpointAddOns(
        page.pageHandler(),
        page.submitHandler(),
        new dev.rolekeeper.http.MfaSubmitControlHandler(mfa.prompts()),
        sso.loginHandler(),
        () ->
            new JsonObject()
                .put("ssoSessions", sso.statusJson())
                .put("mfaPrompts", mfa.prompts().statusJson())
                .put("sync", sync.statusJson())
                .put("notServed", unserved.json())
                .put("reloadErrors", reloadErrors.statusJson()));
  }
}

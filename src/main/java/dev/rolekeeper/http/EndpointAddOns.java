package dev.rolekeeper.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Routes and status that other features hand to the endpoint, so the router stays built in one
 * place.
 *
 * @param mfaPage {@code GET /mfa/:id}: the MFA entry page (reached from a notification, so browser
 *     headers pass)
 * @param mfaSubmit {@code POST /mfa/:id}: the page's own form post (same-origin only)
 * @param mfaControl {@code POST /control/mfa}: a code from {@code rolekeeper mfa} (control token)
 * @param ssoLogin {@code POST /control/sso/login}: a sign-in started by {@code rolekeeper login}
 *     (control token)
 * @param consoleLogin {@code POST /control/login/console}: a console sign-in started by {@code
 *     rolekeeper login PROFILE} (control token)
 * @param statusExtras more top-level fields for {@code GET /control/status} (MFA prompts, sync
 *     targets)
 */
public record EndpointAddOns(
    Handler<RoutingContext> mfaPage,
    Handler<RoutingContext> mfaSubmit,
    Handler<RoutingContext> mfaControl,
    Handler<RoutingContext> ssoLogin,
    Handler<RoutingContext> consoleLogin,
    Supplier<JsonObject> statusExtras) {

  /** No MFA routes and nothing more in the status. */
  public static EndpointAddOns none() {
    return new EndpointAddOns(null, null, null, null, null, JsonObject::new);
  }
}

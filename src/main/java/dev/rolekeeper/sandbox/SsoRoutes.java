package dev.rolekeeper.sandbox;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.IntSupplier;

/**
 * Mounts the IAM Identity Center services next to STS: SSO OIDC, the portal and the browser's
 * sign-in page.
 */
final class SsoRoutes {

  private final SsoOidcHandlers oidc;
  private final SsoPortalHandlers portal;
  private final SsoDevicePage page;

  SsoRoutes(SsoDirectory directory, CredentialStore store, CallCounter counter, IntSupplier port) {
    this.oidc = new SsoOidcHandlers(directory, counter, port);
    this.portal = new SsoPortalHandlers(directory, store, counter);
    this.page = new SsoDevicePage(directory);
  }

  void mount(Router router, int bodyLimit) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit);
    router.post("/client/register").handler(body).handler(oidc.registerClient());
    router.post("/device_authorization").handler(body).handler(oidc.startDeviceAuthorization());
    router.post("/token").handler(body).handler(oidc.createToken());
    router.get("/federation/credentials").handler(portal.getRoleCredentials());
    router.get("/assignment/accounts").handler(portal.listAccounts());
    router.get("/assignment/roles").handler(portal.listAccountRoles());
    router.post("/logout").handler(portal.logout());
    router.get(SsoDevicePage.PATH).handler(page.show());
    router.post(SsoDevicePage.PATH).handler(body).handler(page.decide());
  }
}

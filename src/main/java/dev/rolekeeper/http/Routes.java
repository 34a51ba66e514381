package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.daemon.TokenStore;
import dev.rolekeeper.session.SessionDirectory;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Builds the two routers, the one place that says which filter guards which route.
 *
 * <p>Both ports first refuse malformed percent-escapes in the path. Main port: Host check, browser
 * guard, X-Forwarded-For guard on everything; the container route behind a token scoped to its
 * profile; {@code /control/*} behind the control token. IMDS port: slash collapsing, the same three
 * filters, the token PUT, then every {@code /latest/*} GET behind a live IMDSv2 token.
 */
final class Routes {

  private static final String SECURITY_CREDENTIALS = "/latest/meta-data/iam/security-credentials";
  private static final String SECURITY_CREDENTIALS_EXTENDED =
      "/latest/meta-data/iam/security-credentials-extended";
  private static final long CONTROL_BODY_LIMIT = 4096;

  private final Vertx vertx;
  private final EndpointOptions options;
  private final SessionDirectory sessions;
  private final TokenStore tokens;
  private final ImdsTokens imdsTokens;
  private final ServableCredentials servable;
  private final EndpointAddOns addOns;
  private final ImdsRole imdsRole;
  private final ContainerCredentialsHandler containerCredentials;
  private final String peerNote;

  Routes(
      Vertx vertx,
      EndpointOptions options,
      SessionDirectory sessions,
      TokenStore tokens,
      ImdsTokens imdsTokens,
      ServableCredentials servable,
      EndpointAddOns addOns,
      ImdsRole imdsRole,
      String peerNote) {
    this.peerNote = peerNote;
    this.imdsRole = imdsRole;
    this.addOns = addOns;
    this.vertx = vertx;
    this.options = options;
    this.sessions = sessions;
    this.tokens = tokens;
    this.imdsTokens = imdsTokens;
    this.servable = servable;
    this.containerCredentials = new ContainerCredentialsHandler(servable);
  }

  /**
   * The main port's requests: the container route's everyday answer straight away ({@link
   * ContainerFastPath}), everything else through {@link #main()}.
   */
  Handler<HttpServerRequest> mainRequests() {
    return new ContainerFastPath(main(), tokens, containerCredentials);
  }

  Router main() {
    Router router = Router.router(vertx);
    router.route().handler(new PathEscapeCheck());
    // The MFA page is opened from a notification or the file that hands its link to the browser,
    // and posts its own form; every other browser request is refused.
    guard(
        router,
        new BrowserRequestGuard()
            .allow(HttpMethod.GET, "/mfa/", BrowserRequestGuard.Kind.LINK)
            .allowSameOrigin(HttpMethod.POST, "/mfa/")
            .allow(HttpMethod.GET, "/favicon.ico", BrowserRequestGuard.Kind.SUBRESOURCE));
    // Browsers ask for it with every page; an empty answer keeps their consoles (and our logs)
    // quiet.
    router.get("/favicon.ico").handler(new NoFaviconHandler());
    router
        .get("/v1/credentials/:" + ContainerCredentialsHandler.PROFILE_PARAM)
        .handler(TokenAuth.forProfileParam(tokens))
        .handler(containerCredentials);
    router.route("/control/*").handler(TokenAuth.controlOnly(tokens));
    router
        .get("/control/status")
        .handler(
            new StatusHandler(
                sessions,
                () -> addOns.statusExtras().get().copy().put("otherUsers", peerNote),
                imdsRole));
    router
        .post("/control/refresh/:" + RefreshHandler.PROFILE_PARAM)
        .handler(new RefreshHandler(sessions));
    router
        .post("/control/tokens")
        .handler(BodyHandler.create(false).setBodyLimit(CONTROL_BODY_LIMIT))
        .handler(new ClientTokenHandler(vertx, sessions, tokens));
    mfa(router);
    errors(router);
    return router;
  }

  private void mfa(Router router) {
    if (addOns.ssoLogin() != null) {
      router
          .post("/control/sso/login")
          .handler(BodyHandler.create(false).setBodyLimit(CONTROL_BODY_LIMIT))
          .handler(addOns.ssoLogin());
    }
    if (addOns.mfaControl() != null) {
      router
          .post("/control/mfa")
          .handler(BodyHandler.create(false).setBodyLimit(CONTROL_BODY_LIMIT))
          .handler(addOns.mfaControl());
    }
    if (addOns.mfaPage() != null) {
      router.get("/mfa/:id").handler(addOns.mfaPage());
      router
          .post("/mfa/:id")
          .handler(BodyHandler.create(false).setBodyLimit(CONTROL_BODY_LIMIT))
          .handler(addOns.mfaSubmit());
    }
  }

  Router imds() {
    Router router = Router.router(vertx);
    router.route().handler(new PathEscapeCheck());
    router.route().handler(new DoubleSlashReroute());
    guard(router, new BrowserRequestGuard());
    ImdsRole role = imdsRole;
    router.put("/latest/api/token").handler(new ImdsTokenHandler(imdsTokens));
    router.route("/latest/*").handler(new ImdsTokenAuth(imdsTokens));
    ImdsRoleListHandler roleList = new ImdsRoleListHandler(role);
    ImdsRoleCredentialsHandler roleCredentials = new ImdsRoleCredentialsHandler(role, servable);
    for (String base : new String[] {SECURITY_CREDENTIALS, SECURITY_CREDENTIALS_EXTENDED}) {
      router.get(base + "/").handler(roleList);
      router.get(base + "/:" + ImdsRoleCredentialsHandler.ROLE_PARAM).handler(roleCredentials);
    }
    router.get("/latest/meta-data/iam/info").handler(new ImdsIamInfoHandler(role, servable));
    router
        .get("/latest/meta-data/placement/region")
        .handler(new ImdsRegionHandler(options.region()));
    router
        .get("/latest/dynamic/instance-identity/document")
        .handler(new ImdsIdentityDocumentHandler(role, options.region(), servable));
    errors(router);
    return router;
  }

  private static void guard(Router router, BrowserRequestGuard browserGuard) {
    router.route().handler(new HostCheck()).handler(browserGuard).handler(new ForwardedForGuard());
  }

  private static void errors(Router router) {
    RouteErrorHandler handler = new RouteErrorHandler();
    router
        .errorHandler(400, handler)
        .errorHandler(404, handler)
        .errorHandler(405, handler)
        .errorHandler(500, handler);
  }
}

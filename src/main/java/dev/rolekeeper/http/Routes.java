package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.daemon.TokenStore;
import dev.rolekeeper.session.SessionDirectory;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the two routers, the one place that says which check guards which route.
 *
 * <p>Each port's guards are one ordered list of {@link RequestCheck}s, mounted on every route. Main
 * port ({@link #MAIN_GUARDS}): well-formed path escapes, Host check, browser guard, X-Forwarded-For
 * guard; then the container route behind a token scoped to its profile, {@code /control/*} behind
 * the control token. The container route's everyday answer is given by {@link ContainerFastPath},
 * which evaluates the same guards and the route's own checks, so it cannot skip one. IMDS port: the
 * path-escape check, slash collapsing, {@link #IMDS_GUARDS}, the token PUT, then every {@code
 * /latest/*} GET behind a live IMDSv2 token.
 */
final class Routes {

  /**
   * The main port's guards. The MFA page is opened from a notification or the file that hands its
   * link to the browser, and posts its own form; every other browser request is refused.
   */
  static final List<RequestCheck> MAIN_GUARDS =
      List.of(
          RequestCheck.WELL_FORMED_PATH,
          RequestCheck.LOOPBACK_HOST,
          new BrowserRequestGuard()
              .allow(HttpMethod.GET, "/mfa/", BrowserRequestGuard.Kind.LINK)
              .allowSameOrigin(HttpMethod.POST, "/mfa/")
              .allow(HttpMethod.GET, "/favicon.ico", BrowserRequestGuard.Kind.SUBRESOURCE),
          RequestCheck.NOT_FORWARDED);

  /** The IMDS port's guards after slash collapsing: no browser request at all. */
  static final List<RequestCheck> IMDS_GUARDS =
      List.of(RequestCheck.LOOPBACK_HOST, new BrowserRequestGuard(), RequestCheck.NOT_FORWARDED);

  private static final String SECURITY_CREDENTIALS = "/latest/meta-data/iam/security-credentials";
  private static final String SECURITY_CREDENTIALS_EXTENDED =
      "/latest/meta-data/iam/security-credentials-extended";
  private static final long CONTROL_BODY_LIMIT = 4096;

  private final Vertx vertx;
  private final EndpointOptions options;
  private final SessionDirectory sessions;
  private final TokenStore tokens;
  private final ImdsTokens imdsTokens;
  private final ImdsRole imdsRole;
  private final ServableCredentials servable;

  Routes(
      Vertx vertx,
      EndpointOptions options,
      SessionDirectory sessions,
      TokenStore tokens,
      ImdsTokens imdsTokens,
      ImdsRole imdsRole) {
    this.vertx = vertx;
    this.options = options;
    this.sessions = sessions;
    this.tokens = tokens;
    this.imdsTokens = imdsTokens;
    this.imdsRole = imdsRole;
    this.servable = new ServableCredentials(sessions, Clock.systemUTC());
  }

  /**
   * The main port's requests, behind {@link #MAIN_GUARDS}, with the features' add-ons; {@code
   * peerNote} says in the status who may connect.
   */
  Handler<HttpServerRequest> mainRequests(EndpointAddOns addOns, String peerNote) {
    return mainRequests(addOns, peerNote, MAIN_GUARDS);
  }

  /**
   * The main port's requests behind {@code guards}: the router, with the container route's everyday
   * answer straight away ({@link ContainerFastPath}) after the same guards and the route's own
   * checks.
   */
  Handler<HttpServerRequest> mainRequests(
      EndpointAddOns addOns, String peerNote, List<RequestCheck> guards) {
    List<RequestCheck> containerChecks = List.of(RequestCheck.profileToken(tokens));
    ContainerCredentialsHandler containerCredentials = new ContainerCredentialsHandler(servable);
    Router router = Router.router(vertx);
    guard(router.route(), guards);
    // Browsers ask for it with every page; an empty answer keeps their consoles (and our logs)
    // quiet.
    router.get("/favicon.ico").handler(new NoFaviconHandler());
    guard(
            router.get("/v1/credentials/:" + ContainerCredentialsHandler.PROFILE_PARAM),
            containerChecks)
        .handler(containerCredentials);
    // The same session for `rolekeeper credential-process`, which prints this body as it is.
    guard(
            router.get("/v1/credential-process/:" + ContainerCredentialsHandler.PROFILE_PARAM),
            containerChecks)
        .handler(new ContainerCredentialsHandler(servable, CredentialsJson::process));
    guard(router.route("/control/*"), List.of(RequestCheck.controlToken(tokens)));
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
    withBody(router.post("/control/tokens"))
        .handler(new ClientTokenHandler(vertx, sessions, tokens));
    mfa(router, addOns);
    sso(router, addOns);
    errors(router);
    List<RequestCheck> fastChecks = new ArrayList<>(guards);
    fastChecks.addAll(containerChecks);
    return new ContainerFastPath(router, fastChecks, containerCredentials);
  }

  /** The MFA page with its form, and {@code rolekeeper mfa}'s control route. */
  private static void mfa(Router router, EndpointAddOns addOns) {
    if (addOns.mfaControl() != null) {
      withBody(router.post("/control/mfa")).handler(addOns.mfaControl());
    }
    if (addOns.mfaPage() != null) {
      router.get("/mfa/:id").handler(addOns.mfaPage());
      withBody(router.post("/mfa/:id")).handler(addOns.mfaSubmit());
    }
  }

  /** {@code rolekeeper login}'s control routes. */
  private static void sso(Router router, EndpointAddOns addOns) {
    if (addOns.ssoLogin() != null) {
      withBody(router.post("/control/sso/login")).handler(addOns.ssoLogin());
    }
    if (addOns.consoleLogin() != null) {
      withBody(router.post("/control/login/console")).handler(addOns.consoleLogin());
    }
  }

  Router imds() {
    Router router = Router.router(vertx);
    guard(router.route(), List.of(RequestCheck.WELL_FORMED_PATH));
    router.route().handler(Routes::collapseSlashes);
    guard(router.route(), IMDS_GUARDS);
    ImdsRole role = imdsRole;
    router.put("/latest/api/token").handler(new ImdsTokenHandler(imdsTokens));
    guard(router.route("/latest/*"), List.of(RequestCheck.imdsToken(imdsTokens)));
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

  /**
   * Serves {@code //latest/...} exactly like {@code /latest/...}: the Java SDK glues its path onto
   * an endpoint that ends in a slash and follows no redirect, so runs of slashes are collapsed and
   * the request routed again.
   */
  private static void collapseSlashes(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path == null || !path.contains("//")) {
      ctx.next();
    } else {
      ctx.reroute(ctx.request().method(), path.replaceAll("/{2,}", "/"));
    }
  }

  private static Route guard(Route route, List<RequestCheck> checks) {
    checks.forEach(check -> route.handler(check.handler()));
    return route;
  }

  private static Route withBody(Route route) {
    return route.handler(BodyHandler.create(false).setBodyLimit(CONTROL_BODY_LIMIT));
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

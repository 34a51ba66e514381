package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link BrowserRequestGuard}'s exceptions, fed the header sets real browsers send (Chromium and
 * Firefox, with the page's Referrer-Policy {@code same-origin} or {@code no-referrer}); the browser
 * test drives the real thing.
 */
@ExtendWith(VertxExtension.class)
class BrowserRequestGuardTest {

  private Http http;
  private int port;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            new BrowserRequestGuard()
                .allowSameOrigin(HttpMethod.POST, "/mfa/")
                .allowNavigation(HttpMethod.GET, "/page/")
                .allow(HttpMethod.GET, "/link/", BrowserRequestGuard.Kind.LINK)
                .allow(HttpMethod.GET, "/favicon.ico", BrowserRequestGuard.Kind.SUBRESOURCE)
                .handler());
    router.route().handler(rc -> rc.response().end("passed"));
    http = new Http(vertx);
    vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .map(HttpServer::actualPort)
        .onComplete(
            ctx.succeeding(
                actual -> {
                  port = actual;
                  ctx.completeNow();
                }));
  }

  private Future<Integer> post(String host, String... headers) {
    return http.send(HttpMethod.POST, port, host, "/mfa/abc", "code=123456", headers)
        .map(Http.Reply::status);
  }

  private Future<Integer> get(String path, String... headers) {
    return http.send(HttpMethod.GET, port, "127.0.0.1:" + port, path, "", headers)
        .map(Http.Reply::status);
  }

  private void expect(VertxTestContext ctx, int status, List<Future<Integer>> replies) {
    Future.all(replies)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          for (int i = 0; i < replies.size(); i++) {
                            assertThat(replies.get(i).result())
                                .as("request #%d", i)
                                .isEqualTo(status);
                          }
                          ctx.completeNow();
                        })));
  }

  @Test
  void ownFormPost_asBrowsersSendIt_passesForEveryLoopbackName(VertxTestContext ctx) {
    String local = "127.0.0.1:" + port;
    expect(
        ctx,
        200,
        List.of(
            // Chromium / Firefox, page with Referrer-Policy same-origin
            post(
                local,
                "Origin",
                "http://" + local,
                "Sec-Fetch-Site",
                "same-origin",
                "Sec-Fetch-Mode",
                "navigate",
                "Sec-Fetch-Dest",
                "document",
                "Sec-Fetch-User",
                "?1"),
            // the same with Referrer-Policy no-referrer: Origin is serialized as "null"
            post(
                local,
                "Origin",
                "null",
                "Sec-Fetch-Site",
                "same-origin",
                "Sec-Fetch-Mode",
                "navigate"),
            // a browser without fetch metadata sends its Origin
            post(local, "Origin", "http://" + local),
            post(
                "localhost:" + port,
                "Origin",
                "http://localhost:" + port,
                "Sec-Fetch-Site",
                "same-origin"),
            post("LocalHost:" + port, "Origin", "http://localhost:" + port),
            post(
                "[::1]:" + port,
                "Origin",
                "http://[::1]:" + port,
                "Sec-Fetch-Site",
                "same-origin")));
  }

  @Test
  void foreignFormPosts_otherPortSameSiteCrossSiteNullOrFetch_are403(VertxTestContext ctx) {
    String local = "127.0.0.1:" + port;
    expect(
        ctx,
        403,
        List.of(
            // a page on another port of this host: same-site, its own origin
            post(
                local,
                "Origin",
                "http://127.0.0.1:" + (port + 1),
                "Sec-Fetch-Site",
                "same-site",
                "Sec-Fetch-Mode",
                "navigate"),
            // ... even when it claims nothing about the origin
            post(
                local,
                "Origin",
                "null",
                "Sec-Fetch-Site",
                "same-site",
                "Sec-Fetch-Mode",
                "navigate"),
            post(
                local,
                "Origin",
                "http://evil.example",
                "Sec-Fetch-Site",
                "cross-site",
                "Sec-Fetch-Mode",
                "navigate"),
            // a no-referrer or sandboxed foreign page: Origin null, but the browser says cross-site
            post(
                local,
                "Origin",
                "null",
                "Sec-Fetch-Site",
                "cross-site",
                "Sec-Fetch-Mode",
                "navigate"),
            // Origin null without fetch metadata cannot be told apart from a foreign page
            post(local, "Origin", "null"),
            // localhost and 127.0.0.1 are different origins
            post(local, "Origin", "http://localhost:" + port),
            post(local, "Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin"),
            // fetch() from another page (no-cors, or cors), and fetch() even from the same origin:
            // not a form
            post(
                local,
                "Origin",
                "http://127.0.0.1:" + (port + 1),
                "Sec-Fetch-Site",
                "same-site",
                "Sec-Fetch-Mode",
                "no-cors",
                "Sec-Fetch-Dest",
                "empty"),
            post(
                local,
                "Origin",
                "http://" + local,
                "Sec-Fetch-Site",
                "same-origin",
                "Sec-Fetch-Mode",
                "cors"),
            post(local, "Sec-Fetch-Site", "none", "Sec-Fetch-Mode", "navigate")));
  }

  @Test
  void navigation_fromOutsideOrThePageItself_passes(VertxTestContext ctx) {
    expect(
        ctx,
        200,
        List.of(
            get(
                "/page/abc",
                "Sec-Fetch-Site",
                "none",
                "Sec-Fetch-Mode",
                "navigate",
                "Sec-Fetch-Dest",
                "document"),
            get("/page/abc", "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "navigate"),
            get(
                "/favicon.ico",
                "Sec-Fetch-Site",
                "same-origin",
                "Sec-Fetch-Mode",
                "no-cors",
                "Sec-Fetch-Dest",
                "image")));
  }

  @Test
  void otherBrowserRequests_are403(VertxTestContext ctx) {
    expect(
        ctx,
        403,
        List.of(
            get("/page/abc", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors"),
            get("/page/abc", "Sec-Fetch-Site", "same-site", "Sec-Fetch-Mode", "navigate"),
            get("/page/abc", "Origin", "http://evil.example", "Sec-Fetch-Site", "same-origin"),
            get("/page/abc", "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "cors"),
            get("/mfa/abc", "Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin"),
            get("/favicon.ico", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors"),
            get("/control/status", "Sec-Fetch-Site", "none"),
            http.send(
                    HttpMethod.POST,
                    port,
                    "127.0.0.1:" + port,
                    "/control/tokens",
                    "{}",
                    "Origin",
                    "http://127.0.0.1:" + port,
                    "Sec-Fetch-Site",
                    "same-origin")
                .map(Http.Reply::status)));
  }

  @Test
  void requestWithoutBrowserHeaders_passes(VertxTestContext ctx) {
    expect(ctx, 200, List.of(get("/anything")));
  }

  @Test
  void link_topLevelNavigationFromAFilePage_passes(VertxTestContext ctx) {
    // What Chromium sends when a file: page's meta refresh leads to the link (measured).
    expect(
        ctx,
        200,
        List.of(
            get(
                "/link/abc",
                "Sec-Fetch-Site",
                "cross-site",
                "Sec-Fetch-Mode",
                "navigate",
                "Sec-Fetch-Dest",
                "document"),
            get("/link/abc", "Sec-Fetch-Site", "none", "Sec-Fetch-Mode", "navigate")));
  }

  @Test
  void link_framedFetchedOrWithForeignOrigin_is403(VertxTestContext ctx) {
    expect(
        ctx,
        403,
        List.of(
            get(
                "/link/abc",
                "Sec-Fetch-Site",
                "cross-site",
                "Sec-Fetch-Mode",
                "navigate",
                "Sec-Fetch-Dest",
                "iframe"),
            get("/link/abc", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate"),
            get(
                "/link/abc",
                "Sec-Fetch-Site",
                "cross-site",
                "Sec-Fetch-Mode",
                "no-cors",
                "Sec-Fetch-Dest",
                "document"),
            get(
                "/link/abc",
                "Origin",
                "http://evil.example",
                "Sec-Fetch-Site",
                "cross-site",
                "Sec-Fetch-Mode",
                "navigate",
                "Sec-Fetch-Dest",
                "document"),
            get(
                "/page/abc",
                "Sec-Fetch-Site",
                "cross-site",
                "Sec-Fetch-Mode",
                "navigate",
                "Sec-Fetch-Dest",
                "document")));
  }
}

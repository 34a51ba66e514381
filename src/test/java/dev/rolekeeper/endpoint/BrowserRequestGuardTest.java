package dev.rolekeeper.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one-line same-origin exception of {@link BrowserRequestGuard}, as the MFA page will use it. */
@ExtendWith(VertxExtension.class)
class BrowserRequestGuardTest {

  private Http http;
  private int port;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Router router = Router.router(vertx);
    router.route().handler(new BrowserRequestGuard()
        .allowSameOrigin(HttpMethod.POST, "/mfa/")
        .allowNavigation(HttpMethod.GET, "/page/"));
    router.route().handler(rc -> rc.response().end("passed"));
    http = new Http(vertx);
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .map(HttpServer::actualPort)
        .onComplete(ctx.succeeding(actual -> {
          port = actual;
          ctx.completeNow();
        }));
  }

  @Test
  void sameOriginPost_toExemptPath_passes(VertxTestContext ctx) {
    http.post(port, "/mfa/abc", "code=123456", "Origin", "http://127.0.0.1:" + port,
            "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "navigate")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(200);
          assertThat(reply.body()).isEqualTo("passed");
          ctx.completeNow();
        })));
  }

  @Test
  void crossOriginPost_toExemptPath_is403(VertxTestContext ctx) {
    http.post(port, "/mfa/abc", "code=123456", "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(403);
          assertThat(reply.code()).isEqualTo("BrowserRequest");
          ctx.completeNow();
        })));
  }

  @Test
  void sameOriginGet_toExemptPath_is403(VertxTestContext ctx) {
    http.get(port, "/mfa/abc", "Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(403);
          ctx.completeNow();
        })));
  }

  @Test
  void navigationFromOutside_toNavigablePath_passes(VertxTestContext ctx) {
    http.get(port, "/page/abc", "Sec-Fetch-Site", "none", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  void crossSiteGet_toNavigablePath_is403(VertxTestContext ctx) {
    http.get(port, "/page/abc", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(403);
          assertThat(reply.code()).isEqualTo("BrowserRequest");
          ctx.completeNow();
        })));
  }

  @Test
  void foreignOriginGet_toNavigablePath_is403(VertxTestContext ctx) {
    http.get(port, "/page/abc", "Origin", "http://evil.example", "Sec-Fetch-Site", "same-origin")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(403);
          ctx.completeNow();
        })));
  }

  @Test
  void navigation_toOtherPath_is403(VertxTestContext ctx) {
    http.get(port, "/control/status", "Sec-Fetch-Site", "none")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(403);
          ctx.completeNow();
        })));
  }

  @Test
  void sameOriginPost_toOtherPath_is403(VertxTestContext ctx) {
    http.post(port, "/control/tokens", "{}", "Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(403);
          ctx.completeNow();
        })));
  }

  @Test
  void requestWithoutBrowserHeaders_passes(VertxTestContext ctx) {
    http.get(port, "/anything")
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(200);
          ctx.completeNow();
        })));
  }
}

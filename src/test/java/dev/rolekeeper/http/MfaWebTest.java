package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.mfa.MfaCode;
import dev.rolekeeper.mfa.MfaPageLinks;
import dev.rolekeeper.mfa.MfaPrompt;
import dev.rolekeeper.mfa.PendingPrompts;
import dev.rolekeeper.session.CodeSource.CodeVerdict;
import dev.rolekeeper.sso.SsoSessions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MFA web page and the control route on a real router, driven by a real HTTP client, with the
 * test playing the session that reports STS's verdicts (the daemon and browser tests use the real
 * sessions and the simulator).
 */
@ExtendWith(VertxExtension.class)
class MfaWebTest {

  private static final String DEV = "arn:aws:iam::111111111111:mfa/alice";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private PendingPrompts prompts;
  private MfaPageLinks links;
  private HttpClient client;
  private final AtomicInteger port = new AtomicInteger();
  private final List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

  record Reply(int status, MultiMap headers, String body) {}

  @BeforeEach
  void mount(Vertx vertx, VertxTestContext ctx) {
    prompts =
        new PendingPrompts(
            vertx, Duration.ofMinutes(1), List.of(PromptWay.WEB, PromptWay.CLI), Map.of());
    Router router = Router.router(vertx);
    client = vertx.createHttpClient();
    vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .onComplete(
            ctx.succeeding(
                server -> {
                  port.set(server.actualPort());
                  // The links name the bound port, as the daemon's do.
                  links = new MfaPageLinks(server.actualPort());
                  links.follow(prompts);
                  MfaPage page =
                      new MfaPage(
                          prompts,
                          links,
                          opened::add,
                          Clock.systemDefaultZone(),
                          Duration.ofMillis(500));
                  router.route().handler(BodyHandler.create().setBodyLimit(4096));
                  router.get("/mfa/:id").handler(page.pageHandler());
                  router.post("/mfa/:id").handler(page.submitHandler());
                  router.post("/control/mfa").handler(new MfaSubmitControlHandler(prompts));
                  // no SSO session is served: every sign-in is refused, which is all the error
                  // test needs
                  router
                      .post("/control/sso/login")
                      .handler(
                          new SsoLoginHandler(
                              new SsoSessions(
                                  vertx, null, null, null, Clock.systemUTC(), Duration.ZERO)));
                  ctx.completeNow();
                }));
  }

  private Future<MfaCode> raise(String... profiles) {
    return prompts.request(
        new MfaPrompt(
            DEV,
            List.of(profiles),
            Instant.parse("2030-01-01T00:00:00Z"),
            "a new 12-hour MFA session is due"));
  }

  private String pathOf(String url) {
    assertThat(url).startsWith("http://127.0.0.1:" + port.get() + "/mfa/");
    return url.substring(url.indexOf("/mfa/"));
  }

  private Future<Reply> get(String path) {
    return send(HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
  }

  private Future<Reply> postForm(String path, Map<String, String> fields) {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/x-www-form-urlencoded");
    String body =
        fields.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(HttpMethod.POST, path, headers, Buffer.buffer(body));
  }

  private Future<Reply> send(HttpMethod method, String path, MultiMap headers, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost("127.0.0.1")
            .setPort(port.get())
            .setURI(path)
            .setHeaders(headers);
    return client
        .request(options)
        .compose(request -> request.send(body))
        .compose(
            response ->
                response
                    .body()
                    .map(b -> new Reply(response.statusCode(), response.headers(), b.toString())));
  }

  private static Map<String, String> form(String code, String csrf) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", code);
    fields.put("csrf", csrf);
    return fields;
  }

  /** Plays the session: takes the code the page handed over and reports {@code verdict} for it. */
  private void judge(
      Future<MfaCode> asked, java.util.function.Function<MfaCode, CodeVerdict> verdict) {
    asked.onSuccess(code -> prompts.reportVerdict(DEV, verdict.apply(code)));
  }

  @Test
  void page_validLink_saysWhoWaitsForWhichDeviceWithAVisibleDigitsField(
      Vertx vertx, VertxTestContext ctx) {
    raise("prod", "<b>admin</b>");
    String path = pathOf(links.linkFor(prompts.pending().get(0)).orElseThrow());
    get(path)
        .onComplete(
            ctx.succeeding(
                page ->
                    ctx.verify(
                        () -> {
                          assertThat(page.status()).isEqualTo(200);
                          assertThat(page.body())
                              .contains(
                                  "rolekeeper",
                                  "Profiles <strong>prod, &lt;b&gt;admin&lt;/b&gt;</strong> are",
                                  "<strong>alice</strong> in AWS account 1111-1111-1111",
                                  DEV,
                                  "a new 12-hour MFA session is due",
                                  "This request</dt><dd>expires",
                                  "The 6-digit code from your authenticator app",
                                  "type=\"text\" inputmode=\"numeric\"",
                                  "autocomplete=\"one-time-code\"",
                                  "method=\"post\"")
                              .doesNotContain("<script", "<b>admin", "type=\"password\"");
                          String csp = page.headers().get("Content-Security-Policy");
                          assertThat(csp)
                              .contains(
                                  "default-src 'none'", "form-action 'self'", "style-src 'sha256-")
                              .doesNotContain("unsafe-inline", "script-src");
                          assertThat(page.headers().get("Referrer-Policy"))
                              .isEqualTo("same-origin");
                          ctx.completeNow();
                        })));
  }

  @Test
  void page_validLinkOpened_listenerToldItsUrl(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    String url = links.linkFor(prompts.pending().get(0)).orElseThrow();
    get(pathOf(url))
        .onComplete(
            ctx.succeeding(
                page ->
                    ctx.verify(
                        () -> {
                          assertThat(page.status()).isEqualTo(200);
                          assertThat(opened).containsExactly(url);
                          ctx.completeNow();
                        })));
  }

  @Test
  void post_codeStsAccepts_saysUntilWhenAndSpendsTheLink(Vertx vertx, VertxTestContext ctx) {
    judge(
        raise("prod", "admin"), code -> new CodeVerdict.Accepted(Instant.now().plusSeconds(3600)));
    MfaPageLinks.Link link = links.issue(DEV);
    postForm("/mfa/" + link.id(), form(" 123 456 ", link.csrf()))
        .compose(done -> get("/mfa/" + link.id()).map(after -> List.of(done, after)))
        .onComplete(
            ctx.succeeding(
                replies ->
                    ctx.verify(
                        () -> {
                          assertThat(replies.get(0).status()).isEqualTo(200);
                          assertThat(replies.get(0).body())
                              .contains(
                                  "Code accepted: profiles prod, admin have sessions until",
                                  "(in 59 min)")
                              .doesNotContain("123456");
                          assertThat(replies.get(1).status())
                              .as("link spent once STS took its code")
                              .isEqualTo(404);
                          ctx.completeNow();
                        })));
  }

  @Test
  void post_codeStsRefuses_saysWhyAndOffersTheNextPromptOnTheSameLink(
      Vertx vertx, VertxTestContext ctx) {
    // As the session does it: the next prompt is up before the refusal is reported.
    raise("prod")
        .onSuccess(
            code -> {
              raise("prod");
              prompts.reportVerdict(
                  DEV,
                  new CodeVerdict.Refused(
                      "MultiFactorAuthentication failed with invalid MFA one"
                          + " time pass code."));
            });
    MfaPageLinks.Link link = links.issue(DEV);
    postForm("/mfa/" + link.id(), form("123456", link.csrf()))
        .compose(refused -> get("/mfa/" + link.id()).map(again -> List.of(refused, again)))
        .onComplete(
            ctx.succeeding(
                replies ->
                    ctx.verify(
                        () -> {
                          assertThat(replies.get(0).status()).isEqualTo(409);
                          assertThat(replies.get(0).body())
                              .contains(
                                  "STS refused this code (MultiFactorAuthentication failed",
                                  "Wait for the next code from your authenticator app and try again",
                                  "name=\"code\"");
                          assertThat(replies.get(1).status())
                              .as("a refused code does not spend the link")
                              .isEqualTo(200);
                          assertThat(link.failures()).isEqualTo(1);
                          assertThat(prompts.pending()).hasSize(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  void post_noVerdictInTime_saysSoWithinTheBound(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    MfaPageLinks.Link link = links.issue(DEV);
    long start = System.nanoTime();
    postForm("/mfa/" + link.id(), form("123456", link.csrf()))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(504);
                          assertThat(reply.body()).contains("STS has not answered within");
                          assertThat(Duration.ofNanos(System.nanoTime() - start))
                              .isLessThan(Duration.ofSeconds(5));
                          ctx.completeNow();
                        })));
  }

  @Test
  void post_codeJustAcceptedTypedAgain_explainedAndNotHandedOn(Vertx vertx, VertxTestContext ctx) {
    judge(raise("prod"), code -> new CodeVerdict.Accepted(Instant.now().plusSeconds(3600)));
    MfaPageLinks.Link first = links.issue(DEV);
    postForm("/mfa/" + first.id(), form("123456", first.csrf()))
        .compose(
            accepted -> {
              raise("admin");
              MfaPageLinks.Link second = links.issue(DEV);
              return postForm("/mfa/" + second.id(), form("123456", second.csrf()));
            })
        .onComplete(
            ctx.succeeding(
                again ->
                    ctx.verify(
                        () -> {
                          assertThat(again.status()).isEqualTo(409);
                          assertThat(again.body())
                              .contains("This code was just used", "name=\"code\"");
                          assertThat(prompts.pending()).as("the used code went nowhere").hasSize(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  void post_wrongCsrf_refusedAndPromptStillPending(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    MfaPageLinks.Link link = links.issue(DEV);
    postForm("/mfa/" + link.id(), form("123456", "forged"))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(403);
                          assertThat(reply.body())
                              .contains("out of date or was not sent by this page");
                          assertThat(prompts.pending()).hasSize(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  void post_fiveRefusedCodesMalformedOrRefusedBySts_lockTheLinkWithAdvice(
      Vertx vertx, VertxTestContext ctx) {
    raise("prod")
        .onSuccess(
            code -> {
              raise("prod");
              prompts.reportVerdict(DEV, new CodeVerdict.Refused("invalid MFA one time pass code"));
            });
    MfaPageLinks.Link link = links.issue(DEV);
    String path = "/mfa/" + link.id();
    Future<Reply> chain = postForm(path, form("111111", link.csrf()));
    List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    chain = chain.onSuccess(r -> statuses.add(r.status()));
    for (String bad : List.of("1", "abcdef", "1234567", "12 45")) {
      chain =
          chain
              .compose(r -> postForm(path, form(bad, link.csrf())))
              .onSuccess(r -> statuses.add(r.status()));
    }
    chain
        .compose(r -> postForm(path, form("123456", link.csrf())).map(right -> List.of(r, right)))
        .compose(replies -> get(path).map(page -> List.of(replies.get(0), replies.get(1), page)))
        .onComplete(
            ctx.succeeding(
                replies ->
                    ctx.verify(
                        () -> {
                          assertThat(statuses).containsExactly(409, 400, 400, 400, 429);
                          assertThat(replies.get(0).body())
                              .contains(
                                  "this link is locked",
                                  "run <code>rolekeeper mfa</code> in a terminal");
                          assertThat(replies.get(1).status()).isEqualTo(429);
                          assertThat(replies.get(2).status()).isEqualTo(429);
                          assertThat(prompts.pending())
                              .as("still waiting for a code by other ways")
                              .hasSize(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  void page_unknownId_404WithAdvice(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    links.issue(DEV);
    get("/mfa/AAAAAAAAAAAAAAAAAAAAAA")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(404);
                          assertThat(reply.body())
                              .contains("run <code>rolekeeper mfa</code> in a terminal");
                          ctx.completeNow();
                        })));
  }

  @Test
  void links_promptEndsWithoutCode_linkExpires(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    MfaPageLinks.Link link = links.issue(DEV);
    ctx.verify(
        () -> {
          assertThat(link.id()).hasSizeGreaterThanOrEqualTo(22); // 128 bits, base64url
          assertThat(link.toString()).doesNotContain(link.id()).doesNotContain(link.csrf());
          assertThat(links.linkFor(prompts.pending().get(0))).contains(links.url(link));
        });
    prompts.cancel(DEV);
    get("/mfa/" + link.id())
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(404);
                          assertThat(links.find(link.id())).isEmpty();
                          ctx.completeNow();
                        })));
  }

  @Test
  void controlRoute_codeStsRefuses_409CodeRefused(Vertx vertx, VertxTestContext ctx) {
    judge(raise("prod"), got -> new CodeVerdict.Refused("invalid MFA one time pass code"));
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    send(
            HttpMethod.POST,
            "/control/mfa",
            json,
            Buffer.buffer(new JsonObject().put("code", "123456").encode()))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(409);
                          assertThat(new JsonObject(reply.body()).getString("code"))
                              .isEqualTo("CodeRefused");
                          assertThat(new JsonObject(reply.body()).getString("message"))
                              .contains("invalid MFA one time pass code");
                          ctx.completeNow();
                        })));
  }

  @Test
  void controlRoute_jsonCode_routedLikeTheCliAndAnsweredWithStsVerdict(
      Vertx vertx, VertxTestContext ctx) {
    Future<MfaCode> code = raise("prod");
    judge(code, got -> new CodeVerdict.Accepted(Instant.parse("2030-01-01T12:00:00Z")));
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    Future<Reply> notJson = send(HttpMethod.POST, "/control/mfa", json, Buffer.buffer("code=1"));
    Future<Reply> badCode =
        send(
            HttpMethod.POST,
            "/control/mfa",
            json,
            Buffer.buffer(new JsonObject().put("code", 123456).encode()));
    Future<Reply> wrongDevice =
        send(
            HttpMethod.POST,
            "/control/mfa",
            json,
            Buffer.buffer(new JsonObject().put("code", "123456").put("device", "arn:x").encode()));
    Future.all(notJson, badCode, wrongDevice)
        .compose(
            all ->
                send(
                    HttpMethod.POST,
                    "/control/mfa",
                    json,
                    Buffer.buffer(new JsonObject().put("code", "908172").encode())))
        .compose(ok -> code.map(got -> List.of(ok.status() + " " + ok.body(), got.digits())))
        .onComplete(
            ctx.succeeding(
                result ->
                    ctx.verify(
                        () -> {
                          assertThat(notJson.result().status()).isEqualTo(400);
                          assertThat(new JsonObject(notJson.result().body()).getString("code"))
                              .isEqualTo("BadRequest");
                          assertThat(badCode.result().status()).isEqualTo(400);
                          assertThat(new JsonObject(badCode.result().body()).getString("message"))
                              .contains("6 digits");
                          assertThat(wrongDevice.result().status()).isEqualTo(409);
                          assertThat(
                                  new JsonObject(wrongDevice.result().body()).getString("message"))
                              .contains("arn:x");
                          assertThat(result.get(0))
                              .startsWith("200 ")
                              .contains(
                                  DEV, "profile prod has a session until 2030-01-01T12:00:00Z")
                              .doesNotContain("908172");
                          assertThat(result.get(1)).isEqualTo("908172");
                          ctx.completeNow();
                        })));
  }

  @Test
  void controlRoutes_errorReplies_areNotStored(VertxTestContext ctx) {
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    Future<Reply> mfaNotJson = send(HttpMethod.POST, "/control/mfa", json, Buffer.buffer("code=1"));
    Future<Reply> mfaNoPrompt =
        send(
            HttpMethod.POST,
            "/control/mfa",
            json,
            Buffer.buffer(new JsonObject().put("code", "123456").encode()));
    Future<Reply> ssoNotJson =
        send(HttpMethod.POST, "/control/sso/login", json, Buffer.buffer("["));
    Future<Reply> ssoUnknown =
        send(
            HttpMethod.POST,
            "/control/sso/login",
            json,
            Buffer.buffer(new JsonObject().put("session", "nope").encode()));
    Future.all(mfaNotJson, mfaNoPrompt, ssoNotJson, ssoUnknown)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          List<Reply> replies =
                              List.of(
                                  mfaNotJson.result(),
                                  mfaNoPrompt.result(),
                                  ssoNotJson.result(),
                                  ssoUnknown.result());
                          assertThat(replies)
                              .extracting(Reply::status)
                              .containsExactly(400, 409, 400, 404);
                          assertThat(replies)
                              .extracting(r -> new JsonObject(r.body()).getString("code"))
                              .containsExactly(
                                  "BadRequest", "NoMatchingPrompt", "BadRequest", "NoSsoSession");
                          for (Reply reply : replies) {
                            assertThat(reply.headers().get("Cache-Control")).isEqualTo("no-store");
                            assertThat(reply.headers().get("Content-Type"))
                                .isEqualTo("application/json");
                          }
                          ctx.completeNow();
                        })));
  }
}

package dev.rolekeeper.mfa;

import dev.rolekeeper.config.PromptWay;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MFA web page and the control route, mounted on a real router and driven by a real HTTP client. */
@ExtendWith(VertxExtension.class)
class MfaWebTest {

  private static final String DEV = "arn:aws:iam::111111111111:mfa/alice";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private PendingPrompts prompts;
  private MfaPageLinks links;
  private HttpClient client;
  private final AtomicInteger port = new AtomicInteger();

  record Reply(int status, String body) {}

  @BeforeEach
  void mount(Vertx vertx, VertxTestContext ctx) {
    prompts = new PendingPrompts(vertx, Duration.ofMinutes(1), List.of(PromptWay.WEB, PromptWay.CLI), Map.of());
    links = new MfaPageLinks(prompts, port::get);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(4096));
    router.get("/mfa/:id").handler(new MfaPageHandler(prompts, links));
    router.post("/mfa/:id").handler(new MfaSubmitHandler(prompts, links));
    router.post("/control/mfa").handler(new MfaSubmitControlHandler(prompts));
    client = vertx.createHttpClient();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .onComplete(ctx.succeeding(server -> {
          port.set(server.actualPort());
          ctx.completeNow();
        }));
  }

  private Future<MfaCode> raise(String... profiles) {
    return prompts.request(new MfaPrompt(DEV, List.of(profiles), Instant.parse("2030-01-01T00:00:00Z"),
        "a new 12-hour MFA session is due"));
  }

  private String pathOf(String url) {
    assertThat(url).startsWith("http://127.0.0.1:" + port.get() + "/mfa/");
    return url.substring(url.indexOf("/mfa/"));
  }

  private Future<Reply> get(String path) {
    return send(HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
  }

  private Future<Reply> postForm(String path, String origin, Map<String, String> fields) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/x-www-form-urlencoded");
    if (origin != null) {
      headers.add("Origin", origin);
    }
    String body = fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpMethod.POST, path, headers, Buffer.buffer(body));
  }

  private Future<Reply> send(HttpMethod method, String path, MultiMap headers, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port.get())
        .setURI(path).setHeaders(headers);
    return client.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> new Reply(response.statusCode(), b.toString())));
  }

  private String origin() {
    return "http://127.0.0.1:" + port.get();
  }

  private static String csrfOf(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertThat(matcher.find()).as("CSRF field in the page").isTrue();
    return matcher.group(1);
  }

  private static Map<String, String> form(String code, String csrf) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", code);
    fields.put("device", DEV);
    fields.put("csrf", csrf);
    return fields;
  }

  @Test
  void page_validLink_listsPromptAndCodeFromFormCompletesIt(Vertx vertx, VertxTestContext ctx) {
    Future<MfaCode> code = raise("prod", "<b>admin</b>");
    String path = pathOf(links.linkFor(prompts.pending().get(0)).orElseThrow());
    get(path).compose(page -> {
      ctx.verify(() -> {
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(DEV, "prod, &lt;b&gt;admin&lt;/b&gt;", "a new 12-hour MFA session is due",
            "method=\"post\"", "name=\"code\"").doesNotContain("<script", "<b>admin");
      });
      return postForm(path, origin(), form("123456", csrfOf(page.body())));
    }).compose(done -> {
      ctx.verify(() -> {
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("code accepted for " + DEV).doesNotContain("123456");
      });
      return code;
    }).compose(got -> {
      ctx.verify(() -> assertThat(got.digits()).isEqualTo("123456"));
      return get(path);
    }).onComplete(ctx.succeeding(after -> ctx.verify(() -> {
      assertThat(after.status()).as("link spent once used").isEqualTo(404);
      ctx.completeNow();
    })));
  }

  @Test
  void post_noOriginButSecFetchSameOrigin_accepted(Vertx vertx, VertxTestContext ctx) {
    Future<MfaCode> code = raise("prod");
    MfaPageLinks.Link link = links.issue(DEV);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/x-www-form-urlencoded").add("Sec-Fetch-Site", "same-origin");
    String body = "code=654321&device=" + URLEncoder.encode(DEV, StandardCharsets.UTF_8) + "&csrf=" + link.csrf();
    send(HttpMethod.POST, "/mfa/" + link.id(), headers, Buffer.buffer(body))
        .compose(reply -> {
          ctx.verify(() -> assertThat(reply.status()).isEqualTo(200));
          return code;
        })
        .onComplete(ctx.succeeding(got -> ctx.verify(() -> {
          assertThat(got.digits()).isEqualTo("654321");
          ctx.completeNow();
        })));
  }

  @Test
  void post_wrongCsrf_refusedAndPromptStillPending(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    MfaPageLinks.Link link = links.issue(DEV);
    postForm("/mfa/" + link.id(), origin(), form("123456", "forged"))
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.status()).isEqualTo(403);
          assertThat(reply.body()).contains("CSRF");
          assertThat(prompts.pending()).hasSize(1);
          ctx.completeNow();
        })));
  }

  @Test
  void post_wrongOriginOrNoOriginHeaders_refused403(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    MfaPageLinks.Link link = links.issue(DEV);
    String path = "/mfa/" + link.id();
    Future<Reply> evil = postForm(path, "http://evil.example", form("123456", link.csrf()));
    Future<Reply> localhostName = postForm(path, "http://localhost:" + port.get(), form("123456", link.csrf()));
    Future<Reply> bare = postForm(path, null, form("123456", link.csrf()));
    Future.all(evil, localhostName, bare).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(evil.result().status()).isEqualTo(403);
      assertThat(localhostName.result().status()).isEqualTo(403);
      assertThat(bare.result().status()).isEqualTo(403);
      assertThat(prompts.pending()).hasSize(1);
      assertThat(link.locked()).as("foreign posts do not burn the user's attempts").isFalse();
      ctx.completeNow();
    })));
  }

  @Test
  void post_fiveBadAttempts_locksLinkEvenForTheRightCode(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    MfaPageLinks.Link link = links.issue(DEV);
    String path = "/mfa/" + link.id();
    Future<Reply> chain = Future.succeededFuture(new Reply(0, ""));
    List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (String bad : List.of("1", "abcdef", "1234567", "12 456", "")) {
      chain = chain.compose(r -> postForm(path, origin(), form(bad, link.csrf()))).onSuccess(r -> statuses.add(r.status()));
    }
    chain.compose(r -> postForm(path, origin(), form("123456", link.csrf())))
        .compose(right -> get(path).map(page -> List.of(right, page)))
        .onComplete(ctx.succeeding(replies -> ctx.verify(() -> {
          assertThat(statuses).containsExactly(400, 400, 400, 400, 429);
          assertThat(replies.get(0).status()).isEqualTo(429);
          assertThat(replies.get(1).status()).isEqualTo(429);
          assertThat(prompts.pending()).hasSize(1);
          ctx.completeNow();
        })));
  }

  @Test
  void page_unknownId_404WithAdvice(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    links.issue(DEV);
    get("/mfa/AAAAAAAAAAAAAAAAAAAAAA").onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.body()).contains("rolekeeper mfa CODE");
      ctx.completeNow();
    })));
  }

  @Test
  void links_promptEnds_linkExpires(Vertx vertx, VertxTestContext ctx) {
    raise("prod");
    MfaPageLinks.Link link = links.issue(DEV);
    ctx.verify(() -> {
      assertThat(link.id()).hasSizeGreaterThanOrEqualTo(22); // 128 bits, base64url
      assertThat(link.toString()).doesNotContain(link.id()).doesNotContain(link.csrf());
      assertThat(links.linkFor(prompts.pending().get(0))).contains(links.url(link));
    });
    prompts.submit(java.util.Optional.of(DEV), new MfaCode("111111"));
    get("/mfa/" + link.id()).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertThat(reply.status()).isEqualTo(404);
      assertThat(links.find(link.id())).isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  void controlRoute_jsonCode_routedLikeTheCli(Vertx vertx, VertxTestContext ctx) {
    Future<MfaCode> code = raise("prod");
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    Future<Reply> notJson = send(HttpMethod.POST, "/control/mfa", json, Buffer.buffer("code=1"));
    Future<Reply> badCode = send(HttpMethod.POST, "/control/mfa", json,
        Buffer.buffer(new JsonObject().put("code", 123456).encode()));
    Future<Reply> wrongDevice = send(HttpMethod.POST, "/control/mfa", json,
        Buffer.buffer(new JsonObject().put("code", "123456").put("device", "arn:x").encode()));
    Future.all(notJson, badCode, wrongDevice)
        .compose(all -> send(HttpMethod.POST, "/control/mfa", json,
            Buffer.buffer(new JsonObject().put("code", "908172").encode())))
        .compose(ok -> code.map(got -> List.of(ok.status() + " " + ok.body(), got.digits())))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(notJson.result().status()).isEqualTo(400);
          assertThat(new JsonObject(notJson.result().body()).getString("code")).isEqualTo("BadRequest");
          assertThat(badCode.result().status()).isEqualTo(400);
          assertThat(new JsonObject(badCode.result().body()).getString("message")).contains("6 digits");
          assertThat(wrongDevice.result().status()).isEqualTo(409);
          assertThat(new JsonObject(wrongDevice.result().body()).getString("message")).contains("arn:x");
          assertThat(result.get(0)).startsWith("200 ").contains(DEV).doesNotContain("908172");
          assertThat(result.get(1)).isEqualTo("908172");
          ctx.completeNow();
        })));
  }
}

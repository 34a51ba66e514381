package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.signin.BrowserSignIn;
import dev.rolekeeper.signin.ConsoleLogins;
import dev.rolekeeper.signin.LoginToken;
import dev.rolekeeper.sso.SignInNeed;
import dev.rolekeeper.sso.SignInPrompter;
import dev.rolekeeper.sts.AwsNetwork;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /control/login/console}: what {@code rolekeeper login PROFILE} is answered. */
@ExtendWith(VertxExtension.class)
class ConsoleLoginHandlerTest {

  private static final String SESSION = "arn:aws:iam::111122223333:user/alice";
  private static final String LINK = "https://signin.example/v1/authorize?state=s";

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private volatile boolean browserBroken;
  private final List<String> opened = new CopyOnWriteArrayList<>();
  private ConsoleLogins logins;
  private int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    BrowserSignIn browser =
        settings ->
            browserBroken
                ? Future.failedFuture(new IllegalStateException("no loopback port"))
                : Future.succeededFuture(
                    new BrowserSignIn.Attempt(LINK, Promise.<LoginToken>promise().future()));
    logins =
        ConsoleLogins.create(
            vertx,
            dir,
            AwsNetwork.direct(),
            browser,
            new SignInPrompter() {
              @Override
              public void announce(SignInNeed need, Runnable startSignIn) {}

              @Override
              public void openBrowser(String url) {
                opened.add(url);
              }
            },
            Duration.ofMinutes(10));
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(4096));
    router.post("/control/login/console").handler(new ConsoleLoginHandler(logins.sessions()));
    port =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .actualPort();
  }

  @AfterEach
  void stop() {
    logins.close();
  }

  /** A served profile of the session: asked for once (no cache here, so a sign-in is needed). */
  private void serve(String profile) throws Exception {
    LoginSettings settings = new LoginSettings(SESSION, "us-east-1", "http://127.0.0.1:9", null);
    Future<?> asked = logins.sessions().credentials(profile, settings);
    asked
        .transform(r -> Future.succeededFuture())
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThat(asked.failed()).isTrue();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/control/login/console"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servedProfile_is200_withTheSessionItsProfilesAndTheLink() throws Exception {
    serve("dev");
    serve("ops");

    HttpResponse<String> reply = post("{\"name\": \"dev\"}");

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject json = new JsonObject(reply.body());
    assertThat(json.getString("session")).isEqualTo(SESSION);
    assertThat(json.getString("profiles")).isEqualTo("dev,ops");
    assertThat(json.getString("authorizeUrl")).isEqualTo(LINK);
    assertThat(json.getLong("attempt")).isPositive();
    assertThat(Instant.parse(json.getString("started"))).isBeforeOrEqualTo(Instant.now());
    assertThat(opened).as("the browser opened on the link, as the CLI says").containsExactly(LINK);
    JsonObject joined = new JsonObject(post("{}").body());
    assertThat(joined.getString("session")).isEqualTo(SESSION);
    assertThat(joined.getLong("attempt")).as("the same sign-in").isEqualTo(json.getLong("attempt"));
    assertThat(opened).as("joining the sign-in under way opens nothing more").hasSize(1);
  }

  @Test
  void noMatchingSession_is404NoLoginSession() throws Exception {
    HttpResponse<String> none = post("{}");
    serve("dev");
    HttpResponse<String> other = post("{\"name\": \"prod\"}");

    for (HttpResponse<String> reply : java.util.List.of(none, other)) {
      assertThat(reply.statusCode()).isEqualTo(404);
      assertThat(new JsonObject(reply.body()).getString("code")).isEqualTo("NoLoginSession");
    }
  }

  @Test
  void badBody_is400() throws Exception {
    serve("dev");

    for (String body : new String[] {"{\"name\": 5}", "not json", "[1]"}) {
      HttpResponse<String> reply = post(body);
      assertThat(reply.statusCode()).as(body).isEqualTo(400);
      assertThat(new JsonObject(reply.body()).getString("code")).isEqualTo("BadRequest");
    }
  }

  @Test
  void signInThatCannotStart_is502SignInFailed() throws Exception {
    serve("dev");
    browserBroken = true;

    HttpResponse<String> reply = post("{\"name\": \"dev\"}");

    assertThat(reply.statusCode()).isEqualTo(502);
    JsonObject json = new JsonObject(reply.body());
    assertThat(json.getString("code")).isEqualTo("SignInFailed");
    assertThat(json.getString("message")).contains("no loopback port");
  }
}

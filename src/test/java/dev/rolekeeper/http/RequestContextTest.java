package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.daemon.ImdsChoice;
import dev.rolekeeper.daemon.ImdsRole;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Handlers whose answer comes from a future completed on another context (the session manager's)
 * write the response on the request's own context.
 */
@ExtendWith(VertxExtension.class)
class RequestContextTest {

  private final Map<String, Boolean> answeredOnRequestContext = new ConcurrentHashMap<>();
  private Http http;
  private int port;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    ElsewhereDirectory sessions = new ElsewhereDirectory(vertx.getOrCreateContext());
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            rc -> {
              Context own = Vertx.currentContext();
              String path = rc.request().path();
              rc.response()
                  .headersEndHandler(
                      v -> answeredOnRequestContext.put(path, Vertx.currentContext() == own));
              rc.next();
            });
    router
        .get("/v1/credentials/:" + ContainerCredentialsHandler.PROFILE_PARAM)
        .handler(
            new ContainerCredentialsHandler(new ServableCredentials(sessions, Clock.systemUTC())));
    router
        .post("/control/refresh/:" + RefreshHandler.PROFILE_PARAM)
        .handler(new RefreshHandler(sessions));
    router
        .get("/control/status")
        .handler(
            new StatusHandler(
                sessions, JsonObject::new, new ImdsRole(ImdsChoice.off(), "127.0.0.1")));
    http = new Http(vertx);
    vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .onComplete(
            ctx.succeeding(
                server -> {
                  port = server.actualPort();
                  ctx.completeNow();
                }));
  }

  @Test
  void containerCredentials_waitedForOnAnotherContext_answeredOnTheRequestsContext(
      VertxTestContext ctx) {
    http.get(port, "/v1/credentials/dev")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(answeredOnRequestContext)
                              .containsEntry("/v1/credentials/dev", true);
                          ctx.completeNow();
                        })));
  }

  @Test
  void refresh_completedOnAnotherContext_answeredOnTheRequestsContext(VertxTestContext ctx) {
    http.post(port, "/control/refresh/dev", null)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(answeredOnRequestContext)
                              .containsEntry("/control/refresh/dev", true);
                          ctx.completeNow();
                        })));
  }

  @Test
  void status_builtOnAnotherContext_answeredOnTheRequestsContext(VertxTestContext ctx) {
    http.get(port, "/control/status")
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.status()).isEqualTo(200);
                          assertThat(reply.json().getJsonArray("profiles")).hasSize(1);
                          assertThat(answeredOnRequestContext)
                              .containsEntry("/control/status", true);
                          ctx.completeNow();
                        })));
  }

  /** Like the session manager: answers on its own context, never the caller's. */
  private static final class ElsewhereDirectory implements SessionDirectory {
    private final Context elsewhere;
    private final AwsCredentials credentials =
        FakeSessionDirectory.credentials("dev", Instant.now().plusSeconds(3600));

    ElsewhereDirectory(Context elsewhere) {
      this.elsewhere = elsewhere;
    }

    private <T> Future<T> there(T value) {
      Promise<T> promise = Promise.promise();
      elsewhere.runOnContext(v -> promise.complete(value));
      return promise.future();
    }

    @Override
    public Set<String> profiles() {
      return Set.of("dev");
    }

    @Override
    public Lookup lookup(String profile) {
      return new Lookup.Unavailable("Pending", "the first session is being fetched");
    }

    @Override
    public Future<Lookup> lookupSoon(String profile) {
      return there(new Lookup.Available(credentials));
    }

    @Override
    public Future<AwsCredentials> refresh(String profile) {
      return there(credentials);
    }

    @Override
    public Future<List<SessionStatus>> status() {
      return there(
          List.of(
              new SessionStatus(
                  "dev",
                  "AssumeRole",
                  "arn:aws:iam::123456789012:role/dev",
                  null,
                  new SessionStatus.Refresh("Fresh", credentials.expiration(), null, null, null),
                  new SessionStatus.Sts(null, null, null))));
    }
  }
}

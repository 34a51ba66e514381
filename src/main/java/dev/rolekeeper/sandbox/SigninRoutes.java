package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Mounts the AWS Sign-In service next to STS: the browser's {@code /v1/authorize} page and {@code
 * POST /v1/token} (CreateOAuth2Token), whose JSON body is {@code {clientId, grantType, code,
 * codeVerifier, redirectUri}} or {@code {clientId, grantType, refreshToken}} and which needs a
 * {@code DPoP} proof. Success answers {@code {accessToken: {accessKeyId, secretAccessKey,
 * sessionToken}, tokenType: "aws_sigv4", expiresIn, refreshToken[, idToken]}}.
 */
final class SigninRoutes {

  static final String TOKEN_PATH = "/v1/token";

  private final SigninDirectory directory;
  private final CallCounter counter;
  private final Clock clock;
  private final DpopVerifier dpop;
  private final SigninAuthorizePage page;

  /**
   * @param origin the simulator's {@code scheme://host:port}, which proofs' {@code htu} must name
   */
  SigninRoutes(SigninDirectory directory, CallCounter counter, Clock clock, Supplier<URI> origin) {
    this.directory = directory;
    this.counter = counter;
    this.clock = clock;
    this.dpop = new DpopVerifier(clock, () -> origin.get() + TOKEN_PATH);
    this.page = new SigninAuthorizePage(directory, clock);
  }

  void mount(Router router, int bodyLimit) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit);
    router.get(SigninAuthorizePage.PATH).handler(page.show());
    router.post(SigninAuthorizePage.PATH).handler(body).handler(page.decide());
    router
        .post(TOKEN_PATH)
        .handler(body)
        .handler(
            ctx -> {
              // Counted before faults, as STS calls are: a faulted call was still made.
              counter.record("CreateOAuth2Token");
              ctx.next();
            })
        .handler(directory.faults())
        .handler(createToken());
  }

  private Handler<RoutingContext> createToken() {
    return ctx -> {
      JsonObject body = SsoReplies.body(ctx);
      if (body == null || !SigninDirectory.CLIENT_IDS.contains(body.getString("clientId"))) {
        reply(ctx, SigninError.invalidRequest("A JSON body with a known clientId is required"));
        return;
      }
      String grant = String.valueOf(body.getString("grantType"));
      if (!grant.equals("authorization_code") && !grant.equals("refresh_token")) {
        reply(
            ctx,
            new SigninError(
                "ValidationException", "UNSUPPORTED_GRANT_TYPE", "Unsupported grant type"));
        return;
      }
      DpopVerifier.Check proof = dpop.verify(ctx.request().headers().getAll("DPoP"));
      if (proof instanceof DpopVerifier.Key key) {
        reply(
            ctx,
            grant.equals("authorization_code")
                ? directory.redeem(body, key.thumbprint())
                : directory.refresh(body, key.thumbprint()));
      } else {
        reply(ctx, (SigninError) proof);
      }
    };
  }

  private void reply(RoutingContext ctx, SigninDirectory.Result result) {
    if (result instanceof SigninError error) {
      SsoReplies.signinError(ctx, error);
      return;
    }
    SigninDirectory.Issued issued = (SigninDirectory.Issued) result;
    IssuedCredential credential = issued.credential();
    JsonObject body =
        new JsonObject()
            .put(
                "accessToken",
                new JsonObject()
                    .put("accessKeyId", credential.accessKeyId())
                    .put("secretAccessKey", credential.secretAccessKey())
                    .put("sessionToken", credential.sessionToken()))
            .put("tokenType", "aws_sigv4")
            .put(
                "expiresIn",
                // the store counts from the whole second, as STS does
                Duration.between(
                        clock.instant().truncatedTo(ChronoUnit.SECONDS), credential.expiration())
                    .toSeconds())
            .put("refreshToken", issued.refreshToken());
    if (issued.idToken() != null) {
      body.put("idToken", issued.idToken());
    }
    SsoReplies.ok(ctx, body);
  }
}

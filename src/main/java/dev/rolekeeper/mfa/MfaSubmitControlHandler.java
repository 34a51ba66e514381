package dev.rolekeeper.mfa;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /control/mfa} with JSON {@code {"device": optional, "code": "123456"}}: the way in for
 * {@code rolekeeper mfa}. Mount behind the control-token check, after a {@code BodyHandler}.
 *
 * <p>Answers 200 {@code {"device": …, "message": …}} when the code went to a prompt; otherwise JSON
 * {@code {"code": …, "message": …}}: 400 {@code BadRequest} (not JSON, code not 6 digits), 409
 * {@code NoMatchingPrompt} (nothing pending, unknown device, several pending and no device given).
 */
public final class MfaSubmitControlHandler implements Handler<RoutingContext> {

  private final PendingPrompts prompts;

  public MfaSubmitControlHandler(PendingPrompts prompts) {
    this.prompts = prompts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      error(ctx, 400, "BadRequest", "send a JSON object {\"code\": \"123456\", \"device\": optional}");
      return;
    }
    Object code = body.getValue("code");
    if (!(code instanceof String text) || !MfaCode.isWellFormed(text)) {
      error(ctx, 400, "BadRequest", "\"code\" must be a string of exactly 6 digits");
      return;
    }
    Object device = body.getValue("device");
    if (device != null && !(device instanceof String)) {
      error(ctx, 400, "BadRequest", "\"device\" must be the MFA device ARN as a string");
      return;
    }
    Optional<String> wanted = Optional.ofNullable((String) device).filter(d -> !d.isBlank());
    SubmitOutcome outcome = prompts.submit(wanted, new MfaCode(text));
    if (outcome instanceof SubmitOutcome.Accepted accepted) {
      json(ctx, 200, new JsonObject().put("device", accepted.device()).put("message", outcome.message()));
    } else {
      error(ctx, 409, "NoMatchingPrompt", outcome.message());
    }
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, new JsonObject().put("code", code).put("message", message));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}

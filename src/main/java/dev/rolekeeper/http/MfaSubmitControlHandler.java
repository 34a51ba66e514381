package dev.rolekeeper.http;

import dev.rolekeeper.mfa.MfaCode;
import dev.rolekeeper.mfa.PendingPrompts;
import dev.rolekeeper.mfa.SubmitOutcome;
import dev.rolekeeper.mfa.VerdictWait;
import dev.rolekeeper.session.CodeSource.CodeVerdict;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /control/mfa} with JSON {@code {"device": optional, "code": "123456"}}: the way in
 * for {@code rolekeeper mfa}. Mount behind the control-token check, after a {@code BodyHandler}.
 *
 * <p>A code that went to a prompt is followed to STS, for at most {@link VerdictWait#DEFAULT}: 200
 * {@code {"device": …, "message": …}} when STS accepted it (the message says until when) or has not
 * answered yet; otherwise JSON {@code {"code": …, "message": …}}: 400 {@code BadRequest} (not JSON,
 * code not 6 digits), 409 {@code NoMatchingPrompt} (nothing pending, unknown device, several
 * pending and no device given), 409 {@code CodeRefused} (STS refused it: wrong, expired or already
 * used), 502 {@code NotChecked} (STS could not judge it).
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
      ErrorReply.send(
          ctx,
          400,
          "BadRequest",
          "send a JSON object {\"code\": \"123456\", \"device\": optional}");
      return;
    }
    Object code = body.getValue("code");
    if (!(code instanceof String text) || !MfaCode.isWellFormed(text)) {
      ErrorReply.send(ctx, 400, "BadRequest", "\"code\" must be a string of exactly 6 digits");
      return;
    }
    Object device = body.getValue("device");
    if (device != null && !(device instanceof String)) {
      ErrorReply.send(ctx, 400, "BadRequest", "\"device\" must be the MFA device ARN as a string");
      return;
    }
    Optional<String> wanted = Optional.ofNullable((String) device).filter(d -> !d.isBlank());
    SubmitOutcome outcome = prompts.submit(wanted, new MfaCode(text));
    if (outcome instanceof SubmitOutcome.Accepted accepted) {
      VerdictWait.within(ctx.vertx(), accepted.verdict(), VerdictWait.DEFAULT)
          .onSuccess(verdict -> answer(ctx, accepted, verdict));
    } else {
      ErrorReply.send(ctx, 409, "NoMatchingPrompt", outcome.message());
    }
  }

  private static void answer(
      RoutingContext ctx, SubmitOutcome.Accepted accepted, Optional<CodeVerdict> verdict) {
    String device = accepted.device();
    if (verdict.isEmpty()) {
      handedOn(
          ctx,
          device,
          "code handed on for "
              + device
              + "; STS has not answered within "
              + VerdictWait.DEFAULT.toSeconds()
              + " s (`rolekeeper status` shows what became of it)");
    } else if (verdict.get() instanceof CodeVerdict.Accepted ok) {
      boolean one = accepted.profiles().size() == 1;
      handedOn(
          ctx,
          device,
          "code accepted for "
              + device
              + ": "
              + (one ? "profile " : "profiles ")
              + String.join(", ", accepted.profiles())
              + (one ? " has a session" : " have sessions")
              + " until "
              + ok.until());
    } else if (verdict.get() instanceof CodeVerdict.Refused refused) {
      ErrorReply.send(
          ctx,
          409,
          "CodeRefused",
          "STS refused the code ("
              + refused.why().strip()
              + "); wait for the next code from your authenticator and try again");
    } else {
      String why = ((CodeVerdict.NotChecked) verdict.get()).why();
      ErrorReply.send(ctx, 502, "NotChecked", "the code could not be checked: " + why);
    }
  }

  private static void handedOn(RoutingContext ctx, String device, String message) {
    ErrorReply.json(ctx, 200, new JsonObject().put("device", device).put("message", message));
  }
}

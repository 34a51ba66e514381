package dev.rolekeeper.service;

import dev.rolekeeper.mfa.MfaCode;
import dev.rolekeeper.mfa.MfaPrompt;
import dev.rolekeeper.mfa.PendingPrompts;
import dev.rolekeeper.mfa.PromptCancelled;
import dev.rolekeeper.mfa.PromptTimedOut;
import dev.rolekeeper.session.CodeSource;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The sessions' {@link CodeSource}, answered by the MFA prompts; STS's verdicts on the codes go back to the prompts,
 * so whoever typed a code learns what became of it.
 */
public final class PromptCodeSource implements CodeSource {

  private final PendingPrompts prompts;

  public PromptCodeSource(PendingPrompts prompts) {
    this.prompts = prompts;
  }

  @Override
  public Future<String> requestCode(String device, List<String> profiles, Instant sessionEnds, String reason) {
    // A prompt nobody answered is "no code came" to the sessions: shown as MfaRequired and asked again after the
    // long retry delay, not taken for an internal error and re-prompted at once.
    return prompts.request(new MfaPrompt(device, profiles, sessionEnds, reason)).map(MfaCode::digits)
        .recover(failure -> Future.failedFuture(
            failure instanceof PromptTimedOut || failure instanceof PromptCancelled
                ? new CodeSource.MfaUnavailableException(failure.getMessage()) : failure));
  }

  @Override
  public void verdict(String device, CodeSource.CodeVerdict verdict) {
    // CodeVerdict here is the session package's; the prompts have their own, richer one.
    dev.rolekeeper.mfa.CodeVerdict told;
    if (verdict instanceof CodeVerdict.Accepted accepted) {
      told = new dev.rolekeeper.mfa.CodeVerdict.Accepted(List.of(), accepted.until());
    } else if (verdict instanceof CodeVerdict.Refused refused) {
      told = new dev.rolekeeper.mfa.CodeVerdict.Refused(refused.why());
    } else {
      told = new dev.rolekeeper.mfa.CodeVerdict.NotChecked(((CodeVerdict.NotChecked) verdict).why());
    }
    prompts.reportVerdict(device, told);
  }
}

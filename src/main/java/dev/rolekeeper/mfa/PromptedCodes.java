package dev.rolekeeper.mfa;

import dev.rolekeeper.session.CodeSource;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The sessions' {@link CodeSource}, answered by the pending prompts. A prompt nobody answered
 * (timed out or cancelled) fails with {@link MfaUnavailableException}, "no code came" to the
 * sessions: shown as {@code MfaRequired} and asked again after the long retry delay, not taken for
 * an internal error and re-prompted at once. STS's verdicts on the codes go back to the prompts, so
 * whoever typed a code learns what became of it.
 */
public final class PromptedCodes implements CodeSource {

  private final PendingPrompts prompts;

  public PromptedCodes(PendingPrompts prompts) {
    this.prompts = prompts;
  }

  @Override
  public Future<String> requestCode(
      String device, List<String> profiles, Instant sessionEnds, String reason) {
    return prompts
        .request(new MfaPrompt(device, profiles, sessionEnds, reason))
        .map(MfaCode::digits);
  }

  @Override
  public void verdict(String device, CodeVerdict verdict) {
    prompts.reportVerdict(device, verdict);
  }
}

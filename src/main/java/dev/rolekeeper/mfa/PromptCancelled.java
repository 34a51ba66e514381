package dev.rolekeeper.mfa;

/** Fails a {@link PendingPrompts#request} future when its prompt was cancelled. Holds no secret. */
public final class PromptCancelled extends RuntimeException {

  public PromptCancelled(String device) {
    super("the MFA prompt for " + device + " was cancelled");
  }
}

package dev.rolekeeper.mfa;

/** How an active {@link Prompter} ended. */
public sealed interface PromptOutcome {

  /** The prompter obtained a code. */
  record Code(MfaCode code) implements PromptOutcome {}

  /**
   * This way does not work here (no display, no command, process failed): try the next active way.
   */
  record Unavailable(String reason) implements PromptOutcome {}

  /**
   * The user was reached and the code is now expected through a passive way (web page, CLI), or the
   * user dismissed the prompt: do not start further active ways.
   */
  record Waiting(String reason) implements PromptOutcome {}
}

package dev.rolekeeper.mfa;

import io.vertx.core.Future;

/**
 * An active way to get an MFA code (a notification and dialog, a command). Implementations launch
 * processes only off the event loop.
 */
public interface Prompter {

  /**
   * Starts asking for a code for {@code prompt}.
   *
   * @return a handle whose future completes with the outcome (never fails: problems are {@link
   *     PromptOutcome.Unavailable}) and which can stop the asking early
   */
  Running start(MfaPrompt prompt);

  /** A prompter at work. */
  interface Running {
    /** The outcome, once known. */
    Future<PromptOutcome> outcome();

    /** Stops asking (closes dialogs, kills processes) because the prompt ended. Idempotent. */
    void cancel();
  }
}

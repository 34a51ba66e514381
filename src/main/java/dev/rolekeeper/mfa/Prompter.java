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
   *     Outcome.Unavailable}) and which can stop the asking early
   */
  Running start(MfaPrompt prompt);

  /** A prompter at work. */
  interface Running {
    /** The outcome, once known. */
    Future<Outcome> outcome();

    /** Stops asking (closes dialogs, kills processes) because the prompt ended. Idempotent. */
    void cancel();
  }

  /** How an active prompter ended. */
  sealed interface Outcome {

    /** The prompter obtained a code. */
    record Code(MfaCode code) implements Outcome {}

    /**
     * This way does not work here (no display, no command, process failed): try the next active
     * way.
     */
    record Unavailable(String reason) implements Outcome {}

    /**
     * The user was reached and the code is now expected through a passive way (web page, CLI), or
     * the user dismissed the prompt: do not start further active ways.
     */
    record Waiting(String reason) implements Outcome {}
  }
}

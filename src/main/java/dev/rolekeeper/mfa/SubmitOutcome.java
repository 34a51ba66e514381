package dev.rolekeeper.mfa;

/** What became of a code handed to {@link PendingPrompts#submit}. Holds no secret. */
public sealed interface SubmitOutcome {

  /** Whether the code satisfied a pending prompt. */
  boolean accepted();

  /** A sentence for the person who gave the code. */
  String message();

  /** The code went to the prompt for {@code device}. */
  record Accepted(String device) implements SubmitOutcome {
    @Override
    public boolean accepted() {
      return true;
    }

    @Override
    public String message() {
      return "code accepted for " + device;
    }
  }

  /** The code was not used; {@code message} says why (nothing pending, unknown device, ambiguous). */
  record Rejected(String message) implements SubmitOutcome {
    @Override
    public boolean accepted() {
      return false;
    }
  }
}

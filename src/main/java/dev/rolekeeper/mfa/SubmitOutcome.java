package dev.rolekeeper.mfa;

import dev.rolekeeper.session.CodeSource.CodeVerdict;
import io.vertx.core.Future;
import java.util.List;

/** What became of a code handed to {@link PendingPrompts#submit}. Holds no secret. */
public sealed interface SubmitOutcome {

  /** Whether the code satisfied a pending prompt. */
  boolean accepted();

  /** A sentence for the person who gave the code. */
  String message();

  /**
   * The code went to the prompt for {@code device}, which was for {@code profiles}; {@code verdict}
   * completes once STS has judged it (on the thread that reports it; it may never complete when the
   * asking session stopped waiting: bound any wait on it).
   */
  record Accepted(String device, List<String> profiles, Future<CodeVerdict> verdict)
      implements SubmitOutcome {
    @Override
    public boolean accepted() {
      return true;
    }

    @Override
    public String message() {
      return "code accepted for " + device;
    }
  }

  /**
   * The code was not used; {@code message} says why (nothing pending, unknown device, ambiguous).
   */
  record Rejected(String message) implements SubmitOutcome {
    @Override
    public boolean accepted() {
      return false;
    }
  }
}

package dev.rolekeeper.mfa;

import dev.rolekeeper.session.CodeSource;
import java.time.Instant;
import java.util.List;

/**
 * What became of a code handed to a prompt once STS saw it (or why it never did). Holds no secret.
 */
public sealed interface CodeVerdict {

  /**
   * STS took the code.
   *
   * @param profiles the profiles the prompt was for
   * @param until when the session the code opened ends (no code is needed for these profiles before
   *     then)
   */
  record Accepted(List<String> profiles, Instant until) implements CodeVerdict {
    public Accepted {
      profiles = List.copyOf(profiles);
    }
  }

  /**
   * STS refused the code; {@code why} is its message. The code is spent or was wrong: a new one is
   * needed.
   */
  record Refused(String why) implements CodeVerdict {}

  /**
   * The code was taken, but STS could not judge it (unreachable, throttled, the role refused):
   * {@code why}.
   */
  record NotChecked(String why) implements CodeVerdict {}

  /** No prompt took the code (nothing pending for that device): {@code why}. STS never saw it. */
  record NotTaken(String why) implements CodeVerdict {}

  /**
   * The sessions' verdict in the prompts' terms (the profiles are filled in by the prompt that took
   * the code).
   */
  static CodeVerdict of(CodeSource.CodeVerdict verdict) {
    if (verdict instanceof CodeSource.CodeVerdict.Accepted accepted) {
      return new Accepted(List.of(), accepted.until());
    }
    if (verdict instanceof CodeSource.CodeVerdict.Refused refused) {
      return new Refused(refused.why());
    }
    return new NotChecked(((CodeSource.CodeVerdict.NotChecked) verdict).why());
  }
}

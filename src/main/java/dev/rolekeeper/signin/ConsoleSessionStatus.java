package dev.rolekeeper.signin;

import java.time.Instant;
import java.util.List;

/**
 * One console sign-in session as {@code status} shows it. Free of secrets.
 *
 * @param session the {@code login_session} value
 * @param profiles the served profiles using it, sorted
 * @param state {@code SignedIn}, {@code SigningIn} or {@code SignInNeeded}
 * @param times when its credentials expire, its session ends and a sign-in is needed
 * @param lastError the last failure, or null
 * @param lastSignIn the outcome of the last browser sign-in that finished, or null before one did
 */
public record ConsoleSessionStatus(
    String session,
    List<String> profiles,
    String state,
    Times times,
    String lastError,
    LastSignIn lastSignIn) {

  public ConsoleSessionStatus {
    profiles = List.copyOf(profiles);
  }

  /**
   * @param expires when the credentials held expire, or null when none are held
   * @param sessionEnds when the console session is estimated to end (12 hours after the sign-in),
   *     or null when unknown
   * @param signInNeededBy when the next sign-in is needed, or null when unknown
   */
  public record Times(Instant expires, Instant sessionEnds, Instant signInNeededBy) {}

  /**
   * How a browser sign-in ended. {@code rolekeeper login} waits for the one it started by its
   * number: the state alone cannot tell, since a failed sign-in leaves a session whose refresh
   * token still works {@code SignedIn}, as it was before.
   *
   * @param attempt its number, as {@link ConsoleSessions.Started#attempt()} gave it
   * @param started when it started
   * @param finished when it finished
   * @param error why it failed (no secret), or null when it succeeded
   */
  public record LastSignIn(long attempt, Instant started, Instant finished, String error) {

    public boolean ok() {
      return error == null;
    }
  }
}

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
 */
public record ConsoleSessionStatus(
    String session, List<String> profiles, String state, Times times, String lastError) {

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
}

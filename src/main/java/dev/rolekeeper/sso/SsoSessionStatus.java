package dev.rolekeeper.sso;

import java.time.Instant;
import java.util.List;

/**
 * One SSO session as {@code status} shows it. Free of secrets (the user code is shown on screen by
 * design).
 *
 * @param name the session name, or the start URL for the legacy form
 * @param startUrl the portal start URL
 * @param profiles the profiles using it
 * @param token the access token held
 * @param signIn where signing in stands
 * @param lastError the last failure, or null
 */
public record SsoSessionStatus(
    String name,
    String startUrl,
    List<String> profiles,
    Token token,
    SignIn signIn,
    String lastError) {

  /**
   * @param expires when the access token held expires, or null when none is held
   * @param refreshable whether it can be renewed without a sign-in
   */
  public record Token(Instant expires, boolean refreshable) {}

  /**
   * @param state {@code SignedIn}, {@code SignInNeeded} or {@code SigningIn}
   * @param neededBy when the next sign-in is needed, or null when not foreseeable (refreshable
   *     token)
   * @param verificationUri the approval link of a sign-in under way, or null
   * @param userCode the code of a sign-in under way, or null
   */
  public record SignIn(String state, Instant neededBy, String verificationUri, String userCode) {}
}

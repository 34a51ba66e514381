package dev.rolekeeper.signin;

import dev.rolekeeper.profiles.LoginSettings;
import io.vertx.core.Future;

/**
 * One console sign-in through the browser, as {@code aws login} makes it: an authorization request
 * with PKCE to the AWS Sign-In service, the code caught on a loopback redirect, and the token
 * exchange with a fresh DPoP key; the new session is written to the login cache. What {@code
 * rolekeeper login PROFILE} and the notification's "Sign in" action start.
 */
public interface BrowserSignIn {

  /**
   * Starts a sign-in for the session {@code settings} names; completes once the loopback listener
   * is up, with the link to open.
   */
  Future<Attempt> start(LoginSettings settings);

  /**
   * A sign-in under way.
   *
   * @param authorizeUrl the Sign-In service's authorization page, for the person's browser
   * @param done completes with the new session, already in the login cache; fails when the person
   *     denied it, the redirect was not ours (state), nobody answered in time, or the exchange was
   *     refused (the message says which, with no secret)
   */
  record Attempt(String authorizeUrl, Future<LoginToken> done) {}
}

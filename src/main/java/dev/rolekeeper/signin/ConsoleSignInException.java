package dev.rolekeeper.signin;

/**
 * Why a console sign-in ({@link BrowserSignIn.Attempt#done()}) failed. The message is for a person
 * and holds no secret: no code, verifier, token or key, and no service message that could echo one.
 */
public final class ConsoleSignInException extends RuntimeException {

  /** What went wrong, for whoever decides what to say or try next. */
  public enum Reason {
    /** The person pressed Deny, or the page sent back an error. */
    DENIED,
    /** A redirect reached the listener without this attempt's {@code state}. */
    FOREIGN_REDIRECT,
    /** Nobody answered in the browser in time. */
    TIMED_OUT,
    /** The browser's console session is another principal than the profile's login_session. */
    WRONG_PRINCIPAL,
    /** The Sign-In service refused the exchange (code expired, no permission, ...). */
    REFUSED,
    /**
     * The Sign-In service could not be reached, failed on its side or was busy (5xx, throttling),
     * or the attempt could not be set up.
     */
    UNREACHABLE,
    /** The new session could not be written to the login cache. */
    CACHE
  }

  private final Reason reason;

  public ConsoleSignInException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

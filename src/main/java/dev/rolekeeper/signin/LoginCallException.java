package dev.rolekeeper.signin;

/**
 * A console session that could not be refreshed, boiled down to what to do about it. Messages are
 * free of secrets: they carry error codes and fixed texts, never a token, key or service body.
 */
final class LoginCallException extends Exception {

  /** What the keeper should do. */
  enum Kind {
    /** The refresh token was refused (session over, password changed) or there is none. */
    SIGN_IN_NEEDED,
    /** Throttling, 5xx, network trouble: try again after a pause. */
    RETRYABLE,
    /** Refused until the configuration changes (a missing permission, an unusable CA bundle). */
    FATAL
  }

  private final Kind kind;
  private final String code;

  LoginCallException(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  Kind kind() {
    return kind;
  }

  /** The service's error code (e.g. {@code TOKEN_EXPIRED}) or ours ({@code Unreachable}). */
  String code() {
    return code;
  }
}

package dev.rolekeeper.sso;

/**
 * A failed SSO OIDC or portal call, boiled down to what to do about it. Messages are free of
 * secrets.
 */
public final class SsoCallException extends Exception {

  /** What the caller should do. */
  public enum Kind {
    /** The token or its SSO session is no longer accepted: only a new sign-in helps. */
    SIGN_IN_NEEDED,
    /** Throttling, 5xx, network trouble: try again later. */
    RETRYABLE,
    /** Refused for good until the configuration changes (no access to the role, bad request). */
    FATAL
  }

  private final Kind kind;
  private final String code;

  public SsoCallException(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The service's error code (e.g. {@code InvalidGrantException}) or ours ({@code Unreachable}).
   */
  public String code() {
    return code;
  }
}

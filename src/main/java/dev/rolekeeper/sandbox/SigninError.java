package dev.rolekeeper.sandbox;

/**
 * A refusal of the simulated Sign-In service, sent as HTTP 400 with {@code x-amzn-ErrorType: type}
 * and the modeled body {@code {"error": error, "message": message}}. The model gives {@code
 * AccessDeniedException} no status; 400 is what botocore's tests use, and both SDKs map the error
 * by its type. Bad DPoP proofs and PKCE verifiers are {@code ValidationException} / {@code
 * INVALID_REQUEST} (the real service's answer to them is not documented).
 */
record SigninError(String type, String error, String message)
    implements DpopVerifier.Check, SigninDirectory.Result {

  /** The message seen from the real service for a refused grant. */
  static final String INVALID_GRANT =
      "The provided authorization grant is invalid, expired, revoked, or malformed";

  static SigninError invalidRequest(String message) {
    return new SigninError("ValidationException", "INVALID_REQUEST", message);
  }

  static SigninError accessDenied(String error, String message) {
    return new SigninError("AccessDeniedException", error, message);
  }

  /**
   * The caller lacks {@code signin:CreateOAuth2Token} (AWS's policy {@code
   * SignInLocalDevelopmentAccess} grants it); the text is IAM's usual one.
   */
  static SigninError insufficientPermissions(String principal) {
    return accessDenied(
        "INSUFFICIENT_PERMISSIONS",
        "User: "
            + principal
            + " is not authorized to perform: signin:CreateOAuth2Token because no"
            + " identity-based policy allows the signin:CreateOAuth2Token action");
  }
}

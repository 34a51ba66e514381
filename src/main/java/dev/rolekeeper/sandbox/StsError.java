package dev.rolekeeper.sandbox;

/**
 * An STS error as the real service reports it: HTTP status, {@code Type} (Sender/Receiver), {@code
 * Code} and {@code Message}. Messages copy the real service's wording, because clients (and our own
 * {@code sts} package) match on codes and people read the messages.
 */
record StsError(int status, String type, String code, String message) {

  static final String INVALID_MFA =
      "MultiFactorAuthentication failed with invalid MFA one time pass code. ";
  static final String UNKNOWN_MFA =
      "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number "
          + "is valid and associated with this user.";

  static StsError accessDenied(String message) {
    return new StsError(403, "Sender", "AccessDenied", message);
  }

  static StsError notAuthorized(String callerArn, String action, String resource) {
    return accessDenied(
        "User: "
            + callerArn
            + " is not authorized to perform: sts:"
            + action
            + " on resource: "
            + resource);
  }

  static StsError expiredToken() {
    return new StsError(
        403, "Sender", "ExpiredToken", "The security token included in the request is expired");
  }

  static StsError invalidClientTokenId() {
    return new StsError(
        403,
        "Sender",
        "InvalidClientTokenId",
        "The security token included in the request is invalid.");
  }

  static StsError signatureDoesNotMatch(String message) {
    return new StsError(403, "Sender", "SignatureDoesNotMatch", message);
  }

  static StsError incompleteSignature(String message) {
    return new StsError(400, "Sender", "IncompleteSignature", message);
  }

  static StsError missingAuthenticationToken() {
    return new StsError(
        403, "Sender", "MissingAuthenticationToken", "Request is missing Authentication Token");
  }

  static StsError validation(String message) {
    return new StsError(400, "Sender", "ValidationError", message);
  }

  static StsError invalidAction(String action) {
    return new StsError(
        400,
        "Sender",
        "InvalidAction",
        "Could not find operation " + action + " for version 2011-06-15");
  }

  static StsError throttling() {
    return new StsError(400, "Sender", "Throttling", "Rate exceeded");
  }

  static StsError serviceUnavailable(int status) {
    return new StsError(
        status,
        "Receiver",
        status == 503 ? "ServiceUnavailable" : "InternalFailure",
        status == 503 ? "Service is unable to handle request." : "An internal error has occurred.");
  }
}

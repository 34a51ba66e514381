package dev.rolekeeper.sandbox;

import io.vertx.ext.web.RoutingContext;

/**
 * How the Sign-In token route answers an injected {@link Fault} (see {@link
 * SigninDirectory#failNext}), in the service's REST-JSON shapes: a server error is 500 {@code
 * InternalServerException} (503 {@code ServiceUnavailableException}), throttling is 429 {@code
 * TooManyRequestsError}, a denial is {@code AccessDeniedException} / {@code
 * INSUFFICIENT_PERMISSIONS}, and the malformed answer is a 200 whose JSON is cut short. The {@code
 * error} values are the wire names of the Java SDK's {@code OAuth2ErrorCode}; both SDKs pick the
 * exception by its type and status, not by them.
 */
final class SigninFaults {

  private SigninFaults() {}

  static void answer(Fault fault, RoutingContext ctx) {
    if (fault instanceof Fault.ServerError error) {
      SsoReplies.signinError(
          ctx,
          error.status(),
          error.status() == 503
              ? new SigninError(
                  "ServiceUnavailableException",
                  "service_unavailable",
                  "The service is unavailable (injected)")
              : new SigninError(
                  "InternalServerException", "server_error", "Internal server error (injected)"));
    } else if (fault instanceof Fault.Denied) {
      SsoReplies.signinError(
          ctx,
          SigninError.accessDenied(
              "INSUFFICIENT_PERMISSIONS",
              "User is not authorized to perform: signin:CreateOAuth2Token (injected)"));
    } else if (fault instanceof Fault.MalformedXml) {
      ctx.response()
          .setStatusCode(200)
          .putHeader("Content-Type", "application/json")
          .end("{\"accessToken\":{\"accessKeyId\":");
    } else {
      SsoReplies.signinError(
          ctx,
          429,
          new SigninError("TooManyRequestsError", "rate_exceeded", "Rate exceeded (injected)"));
    }
  }
}

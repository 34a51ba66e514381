package dev.rolekeeper.sts;

import dev.rolekeeper.sts.StsOutcome.FailureKind;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Maps what the SDK throws to an {@link StsOutcome.Failed} the session layer can act on. */
final class StsErrors {

  private static final Set<String> RETRYABLE_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "RequestLimitExceeded",
          "TooManyRequestsException",
          "IDPCommunicationError",
          // A web identity token that expired: its file is rotated, and read again at each try.
          "ExpiredTokenException",
          "ServiceUnavailable",
          "InternalFailure",
          "InternalError");

  private StsErrors() {}

  static StsOutcome.Failed classify(SdkException e, boolean withCode) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof NetworkSetupException setup) {
        // A bad CA bundle or proxy variable: until the user fixes it, the longest backoff.
        return new StsOutcome.Failed(FailureKind.FATAL, setup.code(), setup.getMessage());
      }
    }
    if (e instanceof SdkServiceException answered && answered.statusCode() == 407) {
      // A plain-HTTP call's proxy answers for itself (an https call's refusal comes from
      // ProxyTunnel as a connection failure, below).
      return new StsOutcome.Failed(
          FailureKind.FATAL,
          "ProxyAuthenticationRequired",
          "the HTTP proxy refused the call (HTTP 407): it wants credentials, or did not accept"
              + " the user and password in the proxy URL");
    }
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return classifyService(service, withCode);
    }
    // No answer from STS at all, or one we could not read (connection refused, timeout, malformed
    // XML).
    return new StsOutcome.Failed(
        FailureKind.RETRYABLE,
        "Unreachable",
        "STS could not be reached or gave an unreadable answer: " + detail(e));
  }

  /**
   * The innermost cause says what went wrong on the way (the host name that does not resolve, the
   * proxy's refusal, the certificate not trusted); the SDK's own wrapper text says less.
   */
  private static String detail(SdkException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root == e) {
      return firstLine(e.getMessage());
    }
    String text = root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    if (root instanceof java.security.cert.CertPathBuilderException
        || root instanceof java.security.cert.CertificateException) {
      return "the server's TLS certificate is not trusted ("
          + text
          + "); if a proxy inspects TLS, name its CA with ca_bundle in the profile or"
          + " AWS_CA_BUNDLE";
    }
    return text;
  }

  private static StsOutcome.Failed classifyService(AwsServiceException e, boolean withCode) {
    String code = e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails().errorMessage();
    int status = e.statusCode();
    FailureKind kind;
    if (status >= 500 || RETRYABLE_CODES.contains(code)) {
      kind = FailureKind.RETRYABLE;
    } else if ("ExpiredToken".equals(code)) {
      kind = FailureKind.SOURCE_EXPIRED;
    } else if (withCode && "AccessDenied".equals(code) && mentionsMfa(message)) {
      kind = FailureKind.MFA_REJECTED;
    } else {
      kind = FailureKind.FATAL;
    }
    return new StsOutcome.Failed(
        kind,
        code == null ? "HTTP" + status : code,
        message == null ? "STS answered HTTP " + status : message);
  }

  private static boolean mentionsMfa(String message) {
    String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("multifactorauthentication") || m.contains("mfa");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no details";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256} in the {@code Authorization} header)
 * the way STS does, and answers with the error STS would give.
 *
 * <p>Checks, in order: the header is present and well formed; {@code X-Amz-Date} is within 15
 * minutes (adjustable for tests) of the simulator's clock ("Signature expired" / "Signature not yet
 * current"); the access key is known ({@code InvalidClientTokenId}); a session key comes with its
 * own session token; the signature over the canonical request (every header the client listed in
 * {@code SignedHeaders}, and the SHA-256 of the body actually received) matches ({@code
 * SignatureDoesNotMatch}); the session has not expired ({@code ExpiredToken}). Presigned
 * (query-string) signatures are not supported: the SDKs sign STS calls in the header.
 */
final class SigV4Verifier {

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,"
              + "\\s*SignedHeaders=([a-z0-9;_.-]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
  private static final String MISMATCH =
      "The request signature we calculated does not match the signature you "
          + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  private final Clock clock;
  private final Function<String, Optional<IssuedCredential>> keys;
  private final AtomicReference<Duration> maxSkew = new AtomicReference<>(DEFAULT_MAX_SKEW);

  /** Outcome of a check. */
  sealed interface Result permits Authenticated, Rejected {}

  /** The request was signed by {@code credential}. */
  record Authenticated(IssuedCredential credential) implements Result {}

  /** The request is refused with {@code error}. */
  record Rejected(StsError error) implements Result {}

  SigV4Verifier(Clock clock, Function<String, Optional<IssuedCredential>> keys) {
    this.clock = clock;
    this.keys = keys;
  }

  /** How far X-Amz-Date may be from the clock; STS allows 15 minutes. */
  void maxSkew(Duration skew) {
    if (skew.isNegative()) {
      throw new IllegalArgumentException("clock skew must not be negative: " + skew);
    }
    maxSkew.set(skew);
  }

  Result verify(SignedRequest request) {
    Optional<String> authorization = request.header("authorization");
    if (authorization.isEmpty()) {
      return new Rejected(StsError.missingAuthenticationToken());
    }
    Matcher auth = AUTHORIZATION.matcher(authorization.get());
    if (!auth.matches()) {
      return new Rejected(
          StsError.incompleteSignature(
              "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters for "
                  + ALGORITHM
                  + "."));
    }
    return verify(
        request,
        new AuthHeader(
            auth.group(1),
            auth.group(2),
            auth.group(3),
            auth.group(4),
            List.of(auth.group(5).split(";")),
            auth.group(6)));
  }

  private record AuthHeader(
      String accessKeyId,
      String date,
      String region,
      String service,
      List<String> signedHeaders,
      String signature) {
    String scope() {
      return date + "/" + region + "/" + service + "/aws4_request";
    }
  }

  private Result verify(SignedRequest request, AuthHeader auth) {
    Optional<String> amzDate = request.header("x-amz-date");
    if (amzDate.isEmpty()) {
      return new Rejected(
          StsError.incompleteSignature(
              "Authorization header requires existence of either a "
                  + "'X-Amz-Date' or a 'Date' header."));
    }
    if (!auth.signedHeaders().contains("host") || !auth.signedHeaders().contains("x-amz-date")) {
      return new Rejected(
          StsError.signatureDoesNotMatch("'Host' and 'X-Amz-Date' must be signed."));
    }
    Instant signedAt;
    try {
      signedAt = AMZ_DATE.parse(amzDate.get(), Instant::from);
    } catch (DateTimeParseException e) {
      return new Rejected(
          StsError.incompleteSignature(
              "Date must be in ISO-8601 'basic format'. Got '" + amzDate.get() + "'."));
    }
    Optional<StsError> stale = checkSkew(signedAt);
    if (stale.isPresent()) {
      return new Rejected(stale.get());
    }
    return checkKey(request, auth, amzDate.get());
  }

  private Optional<StsError> checkSkew(Instant signedAt) {
    Instant now = clock.instant();
    Duration skew = maxSkew.get();
    if (signedAt.isBefore(now.minus(skew))) {
      return Optional.of(
          StsError.signatureDoesNotMatch(
              "Signature expired: "
                  + AMZ_DATE.format(signedAt)
                  + " is now earlier than "
                  + AMZ_DATE.format(now.minus(skew))
                  + " ("
                  + AMZ_DATE.format(now)
                  + " - "
                  + skew.toMinutes()
                  + " min.)"));
    }
    if (signedAt.isAfter(now.plus(skew))) {
      return Optional.of(
          StsError.signatureDoesNotMatch(
              "Signature not yet current: "
                  + AMZ_DATE.format(signedAt)
                  + " is still later than "
                  + AMZ_DATE.format(now.plus(skew))
                  + " ("
                  + AMZ_DATE.format(now)
                  + " + "
                  + skew.toMinutes()
                  + " min.)"));
    }
    return Optional.empty();
  }

  private Result checkKey(SignedRequest request, AuthHeader auth, String amzDate) {
    Optional<IssuedCredential> found = keys.apply(auth.accessKeyId());
    if (found.isEmpty()) {
      return new Rejected(StsError.invalidClientTokenId());
    }
    IssuedCredential credential = found.get();
    Optional<String> token = request.header("x-amz-security-token");
    if (credential.isTemporary() != token.isPresent()
        || (credential.isTemporary()
            && !constantTimeEquals(credential.sessionToken(), token.get()))) {
      return new Rejected(StsError.invalidClientTokenId());
    }
    if (!amzDate.startsWith(auth.date()) || !"sts".equals(auth.service())) {
      return new Rejected(
          StsError.signatureDoesNotMatch(
              "Credential should be scoped to a valid region and to "
                  + "the service 'sts', on the date of X-Amz-Date."));
    }
    String expected =
        signature(credential.secretAccessKey(), auth, stringToSign(request, auth, amzDate));
    if (!constantTimeEquals(expected, auth.signature())) {
      return new Rejected(StsError.signatureDoesNotMatch(MISMATCH));
    }
    if (credential.isExpiredAt(clock.instant())) {
      return new Rejected(StsError.expiredToken());
    }
    return new Authenticated(credential);
  }

  private static String stringToSign(SignedRequest request, AuthHeader auth, String amzDate) {
    return ALGORITHM
        + "\n"
        + amzDate
        + "\n"
        + auth.scope()
        + "\n"
        + Sha256.hexOf(
            CanonicalRequest.of(request, auth.signedHeaders()).getBytes(StandardCharsets.UTF_8));
  }

  private static String signature(String secret, AuthHeader auth, String stringToSign) {
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
    key = hmac(key, auth.region());
    key = hmac(key, auth.service());
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  private static String hex(byte[] data) {
    return HexFormat.of().formatHex(data);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}

package dev.rolekeeper.signin;

import dev.rolekeeper.signin.ConsoleSignInException.Reason;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Who signed in, read from the ID token of the authorization-code exchange as the AWS CLI reads it:
 * the payload's {@code sub}, the principal's ARN, which becomes the {@code login_session}; the
 * signature is not checked (the token came straight from the service over the exchange's
 * connection, and only names whom the credentials belong to).
 *
 * @param subject the signed-in principal's ARN, e.g. {@code arn:aws:iam::111122223333:user/dev}
 */
record IdToken(String subject) {

  /**
   * Reads the {@code sub} of {@code jwt}.
   *
   * @throws ConsoleSignInException when it is missing or not a JWT with a {@code sub}
   */
  static IdToken decode(String jwt) {
    if (jwt == null || jwt.split("\\.", -1).length != 3) {
      throw refused("the Sign-In service sent no ID token naming who signed in");
    }
    JsonObject payload =
        payload(jwt).orElseThrow(() -> refused("the Sign-In service's ID token cannot be read"));
    if (!(payload.getValue("sub") instanceof String subject) || subject.isBlank()) {
      throw refused("the Sign-In service's ID token names nobody (no sub)");
    }
    return new IdToken(subject);
  }

  /**
   * When the sign-in of {@code jwt} was made (its {@code iat}), read as leniently: null when it is
   * absent or unreadable.
   */
  static Instant issuedAt(String jwt) {
    return payload(jwt)
        .map(claims -> claims.getValue("iat"))
        .filter(Number.class::isInstance)
        .map(iat -> Instant.ofEpochSecond(((Number) iat).longValue()))
        .orElse(null);
  }

  /** The payload of a compact JWT, unchecked; empty when {@code jwt} is not one. */
  private static Optional<JsonObject> payload(String jwt) {
    String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new JsonObject(
              new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** The account of {@link #subject()}: an ARN's fifth field, 12 digits. */
  String accountId() {
    String[] fields = subject.split(":", 6);
    if (fields.length < 6 || !fields[0].equals("arn") || !fields[4].matches("\\d{12}")) {
      throw refused("the signed-in principal " + subject + " is not an ARN with an account");
    }
    return fields[4];
  }

  private static ConsoleSignInException refused(String message) {
    return new ConsoleSignInException(Reason.REFUSED, message);
  }
}

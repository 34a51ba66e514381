package dev.rolekeeper.credfile;

import dev.rolekeeper.credentials.AwsCredentials;
import java.time.Instant;

/** Recognisable fake temporary credentials, numbered so tests can tell versions apart. */
final class TestCredentials {

  static final Instant EXPIRY = Instant.parse("2026-11-27T23:00:00Z");

  private TestCredentials() {}

  static AwsCredentials numbered(String owner, long n) {
    return new AwsCredentials(
        "ASIA" + owner.toUpperCase().replaceAll("[^A-Z0-9]", "") + n,
        "secret-" + owner + "-" + n,
        "token-" + owner + "-" + n,
        EXPIRY,
        "123456789012");
  }
}

package dev.rolekeeper.http;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The credential bodies of the wire contract (docs/ARCHITECTURE.md, "Wire contracts"): the
 * container shape, the IMDS shape and {@code credential_process}'s.
 */
final class CredentialsJson {

  /** {@code YYYY-MM-DDTHH:MM:SSZ}: whole seconds, UTC, a literal Z, as every SDK parses it. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private CredentialsJson() {}

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The container endpoint body: the four fields and {@code AccountId}. */
  static Buffer container(AwsCredentials credentials) {
    return base(new JsonObject(), credentials).toBuffer();
  }

  /**
   * The {@code credential_process} Version 1 body, which {@code rolekeeper credential-process}
   * prints as it is: the AWS CLI and the SDKs read it from a child's standard output.
   */
  static Buffer process(AwsCredentials credentials) {
    return new JsonObject()
        .put("Version", 1)
        .put("AccessKeyId", credentials.accessKeyId())
        .put("SecretAccessKey", credentials.secretAccessKey())
        .put("SessionToken", credentials.sessionToken())
        .put("Expiration", timestamp(credentials.expiration()))
        .toBuffer();
  }

  /**
   * The IMDS role body: {@code Code}, {@code LastUpdated}, {@code Type}, the four fields, {@code
   * AccountId}.
   */
  static Buffer imds(AwsCredentials credentials, Instant lastUpdated) {
    JsonObject json =
        new JsonObject()
            .put("Code", "Success")
            .put("LastUpdated", timestamp(lastUpdated))
            .put("Type", "AWS-HMAC");
    return base(json, credentials).toBuffer();
  }

  private static JsonObject base(JsonObject json, AwsCredentials credentials) {
    json.put("AccessKeyId", credentials.accessKeyId())
        .put("SecretAccessKey", credentials.secretAccessKey())
        .put("Token", credentials.sessionToken())
        .put("Expiration", timestamp(credentials.expiration()));
    if (credentials.accountId() != null) {
      json.put("AccountId", credentials.accountId());
    }
    return json;
  }
}

package dev.rolekeeper.sandbox;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Whom the simulator's STS takes credentials for: GetCallerIdentity signed with them, through the
 * AWS SDK for Java, so the simulator verifies the signature and the session.
 */
public final class CallerIdentity {

  private CallerIdentity() {}

  /** The ARN GetCallerIdentity answers for what {@code provider} resolves. */
  public static String arn(StsSimulator simulator, AwsCredentialsProvider provider) {
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(simulator.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(provider)
            .build()) {
      return sts.getCallerIdentity().arn();
    }
  }

  /**
   * The credentials of a container-endpoint answer ({@code AccessKeyId}, {@code SecretAccessKey},
   * {@code Token}), as the SDK's container provider would resolve them.
   */
  public static AwsCredentialsProvider containerKeys(JsonObject answer) {
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(
            answer.getString("AccessKeyId"),
            answer.getString("SecretAccessKey"),
            answer.getString("Token")));
  }

  /** The ARN GetCallerIdentity answers for temporary {@code credentials}. */
  public static String arn(StsSimulator simulator, AwsCredentials credentials) {
    return arn(
        simulator,
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(
                credentials.accessKeyId(),
                credentials.secretAccessKey(),
                credentials.sessionToken())));
  }
}

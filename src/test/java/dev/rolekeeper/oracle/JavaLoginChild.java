package dev.rolekeeper.oracle;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS SDK for Java v2 as an application uses it, in its own JVM: the profile named by the one
 * argument resolved by the SDK's own {@link ProfileCredentialsProvider} (for a {@code
 * login_session} profile, the {@code signin} module's login provider, which reads and rewrites the
 * login cache and refreshes against Sign-In), everything else from the environment ({@code
 * AWS_CONFIG_FILE}, {@code AWS_LOGIN_CACHE_DIRECTORY}, {@code AWS_ENDPOINT_URL_SIGNIN}, {@code
 * AWS_ENDPOINT_URL_STS}, {@code AWS_REGION}). It then calls GetCallerIdentity with those
 * credentials, and prints one JSON line: the access key id, the expiry and the caller's ARN, no
 * secret.
 */
final class JavaLoginChild {

  private JavaLoginChild() {}

  public static void main(String[] args) {
    try (ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder().profileName(args[0]).build()) {
      AwsCredentials credentials = provider.resolveCredentials();
      String arn;
      try (StsClient sts =
          StsClient.builder()
              .credentialsProvider(StaticCredentialsProvider.create(credentials))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        arn = sts.getCallerIdentity().arn();
      }
      System.out.println(
          new JsonObject()
              .put("accessKeyId", credentials.accessKeyId())
              .put("expiration", credentials.expirationTime().map(Instant::toString).orElse(null))
              .put("arn", arn)
              .encode());
    } catch (RuntimeException e) {
      // The SDK's messages name files and profiles, not keys.
      e.printStackTrace();
      System.exit(1);
    }
    // The provider's refresh thread would keep the JVM alive.
    System.exit(0);
  }
}

package dev.rolekeeper.sts;

import dev.rolekeeper.credentials.AwsCredentials;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * One AssumeRole through the SDK's whole request path (marshalling, signing, the HTTP client
 * interface, XML parsing of the answer) against a canned answer held in memory: nothing goes on the
 * network and no STS call is counted anywhere. A fresh JVM spends a good part of its first STS call
 * loading and initialising that path; rehearsed beside the rest of the start, the first real calls
 * find it ready.
 */
public final class StsRehearsal {

  // Made-up values in STS's answer format: not credentials of anything.
  private static final String ANSWER =
      "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
          + "<AssumedRoleUser><AssumedRoleId>AROAREHEARSAL:rehearsal</AssumedRoleId>"
          + "<Arn>arn:aws:sts::000000000000:assumed-role/rehearsal/rehearsal</Arn></AssumedRoleUser>"
          + "<Credentials><AccessKeyId>ASIAREHEARSAL</AccessKeyId><SecretAccessKey>rehearsal"
          + "</SecretAccessKey><SessionToken>rehearsal</SessionToken>"
          + "<Expiration>2000-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>"
          + "<ResponseMetadata><RequestId>rehearsal</RequestId></ResponseMetadata>"
          + "</AssumeRoleResponse>";

  // Never connected to: the canned HTTP client answers instead.
  private static final URI NOWHERE = URI.create("http://127.0.0.1:1");

  private StsRehearsal() {}

  /**
   * Runs the rehearsal (blocking) for {@code region}.
   *
   * @return what the SDK made of the canned answer (issued, unless the SDK changed its ways)
   */
  public static StsOutcome run(String region) {
    SdkStsGateway gateway =
        new SdkStsGateway(
            NOWHERE,
            Duration.ofSeconds(10),
            AwsNetwork.direct(),
            (endpoint, caBundle) -> new CannedAnswer());
    try {
      return gateway.assumeRole(
          new AssumeRoleCall(
              AwsCredentials.longTerm("AKIAREHEARSAL", "rehearsal"),
              new AssumeRoleCall.Role(
                  "arn:aws:iam::000000000000:role/rehearsal", "rehearsal", 900, null),
              null,
              null,
              StsTarget.regional(region),
              null));
    } finally {
      gateway.close();
    }
  }

  /** Answers every request with {@link #ANSWER}. */
  private static final class CannedAnswer implements SdkHttpClient {

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", "text/xml")
                      .putHeader("Content-Length", Integer.toString(body.length))
                      .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public String clientName() {
      return "rehearsal";
    }

    @Override
    public void close() {}
  }
}

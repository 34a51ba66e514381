package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** SigV4 verification, seen through the real SDK client and the SDK's own signer. */
class SignatureTest extends SimulatorTestSupport {

  private static final String CALLER_IDENTITY_FORM = "Action=GetCallerIdentity&Version=2011-06-15";

  @Test
  void getCallerIdentity_longTermKeys_returnsUserArnAndAccount() {
    try (StsClient sts = as(ALICE)) {
      GetCallerIdentityResponse identity = sts.getCallerIdentity();

      assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
      assertThat(identity.account()).isEqualTo(ACCOUNT);
      assertThat(identity.userId()).startsWith("AIDA");
    }
  }

  @Test
  void unknownAccessKey_isInvalidClientTokenId() {
    try (StsClient sts = client(AwsBasicCredentials.create("AKIANOBODY0000000000", "whatever"))) {
      StsException e = stsError(sts::getCallerIdentity);

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("The security token included in the request is invalid.");
    }
  }

  @Test
  void wrongSecret_isSignatureDoesNotMatch() {
    try (StsClient sts =
        client(AwsBasicCredentials.create(ALICE.accessKeyId(), "not-alices-secret"))) {
      StsException e = stsError(sts::getCallerIdentity);

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      assertThat(e.awsErrorDetails().errorMessage())
          .startsWith("The request signature we calculated does not match");
    }
  }

  @Test
  void signedMoreThanFifteenMinutesAgo_isSignatureExpired() {
    clock.advance(Duration.ofMinutes(16));
    try (StsClient sts = as(ALICE)) {
      StsException e = stsError(sts::getCallerIdentity);

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      assertThat(e.awsErrorDetails().errorMessage())
          .startsWith("Signature expired: ")
          .contains(" - 15 min.)");
    }
  }

  @Test
  void signedMoreThanFifteenMinutesAhead_isSignatureNotYetCurrent() {
    clock.advance(Duration.ofMinutes(-16));
    try (StsClient sts = as(ALICE)) {
      StsException e = stsError(sts::getCallerIdentity);

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature not yet current: ");
    }
  }

  @Test
  void sessionKeyWithoutItsToken_isInvalidClientTokenId() {
    Credentials session;
    try (StsClient sts = as(ALICE)) {
      session = sts.getSessionToken().credentials();
    }
    try (StsClient sts =
        client(AwsBasicCredentials.create(session.accessKeyId(), session.secretAccessKey()))) {
      assertThat(stsError(sts::getCallerIdentity).awsErrorDetails().errorCode())
          .isEqualTo("InvalidClientTokenId");
    }
  }

  @Test
  void sdkSignedRequest_sentAsSigned_isAccepted() throws Exception {
    HttpResponse<String> response = send(signedFor(CALLER_IDENTITY_FORM), CALLER_IDENTITY_FORM);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<Arn>" + ALICE.arn() + "</Arn>");
  }

  @Test
  void sdkSignedRequest_withTamperedBody_isSignatureDoesNotMatch() throws Exception {
    HttpResponse<String> response =
        send(signedFor(CALLER_IDENTITY_FORM), CALLER_IDENTITY_FORM.replace("2011", "2012"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .contains("<Type>Sender</Type>")
        .contains("<Code>SignatureDoesNotMatch</Code>")
        .containsPattern("<RequestId>[0-9a-f-]{36}</RequestId>");
  }

  @Test
  void sdkSignedRequest_withAddedSignedHeaderChanged_isSignatureDoesNotMatch() throws Exception {
    SdkHttpFullRequest signed = signedFor(CALLER_IDENTITY_FORM);
    SdkHttpFullRequest changed =
        signed.toBuilder().putHeader("X-Amz-Date", "20200101T000000Z").build();

    HttpResponse<String> response = send(changed, CALLER_IDENTITY_FORM);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("<Code>SignatureDoesNotMatch</Code>")
        .contains("Signature expired");
  }

  @Test
  void unknownAction_isInvalidAction() throws Exception {
    String form = "Action=AssumeRoleWithSAML&Version=2011-06-15";
    HttpResponse<String> response = send(signedFor(form), form);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("<Code>InvalidAction</Code>")
        .contains("Could not find operation AssumeRoleWithSAML for version 2011-06-15");
  }

  @Test
  void unsignedRequest_isMissingAuthenticationToken() throws Exception {
    HttpResponse<String> response =
        send(
            SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(sim.endpoint())
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .build(),
            CALLER_IDENTITY_FORM);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>");
  }

  /** Signs the form with alice's keys using the SDK's SigV4 signer, as the SDK does for STS. */
  private SdkHttpFullRequest signedFor(String form) {
    SdkHttpFullRequest unsigned =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(sim.endpoint())
            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .build();
    software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsCredentialsIdentity.create(
                                ALICE.accessKeyId(), ALICE.secretAccessKey()))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromUtf8String(form))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    return SdkHttpFullRequest.builder()
        .method(signed.request().method())
        .uri(signed.request().getUri())
        .headers(signed.request().headers())
        .build();
  }

  /** Sends the request's headers (except those the JDK client sets itself) with {@code body}. */
  private static HttpResponse<String> send(SdkHttpFullRequest request, String body)
      throws Exception {
    Set<String> setByJdk = Set.of("host", "content-length", "connection", "expect", "upgrade");
    HttpRequest.Builder http =
        HttpRequest.newBuilder(request.getUri())
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    request.forEachHeader(
        (name, values) -> {
          if (!setByJdk.contains(name.toLowerCase())) {
            values.forEach(v -> http.header(name, v));
          }
        });
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(http.build(), HttpResponse.BodyHandlers.ofString());
  }
}

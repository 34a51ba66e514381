package dev.rolekeeper.oracle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Where the AWS SDK for Java v2 sends an STS client's calls when that client is made for a profile
 * ({@code defaultProfileFile} + {@code defaultProfileName}, as {@code AWS_PROFILE=NAME} would): the
 * first request is captured after signing and the call stopped before it leaves the process.
 *
 * <p>The SDK reads the environment only through {@code System.getenv}, which a test cannot set;
 * each AWS_* variable of a case is given as the system property the SDK reads before it ({@code
 * AWS_REGION} as {@code aws.region}, ...). {@code AWS_DEFAULT_REGION} and {@code
 * AWS_STS_REGIONAL_ENDPOINTS} have none: the Java SDK does not read them.
 */
final class JavaSdkSide {

  private static final Map<String, String> PROPERTIES =
      Map.of(
          "AWS_REGION", "aws.region",
          "AWS_ENDPOINT_URL", "aws.endpointUrl",
          "AWS_ENDPOINT_URL_STS", "aws.endpointUrlSts",
          "AWS_USE_FIPS_ENDPOINT", "aws.useFipsEndpoint",
          "AWS_USE_DUALSTACK_ENDPOINT", "aws.useDualstackEndpoint",
          "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "aws.ignoreConfiguredEndpointUrls",
          "AWS_CONFIG_FILE", "aws.configFile",
          "AWS_SHARED_CREDENTIALS_FILE", "aws.sharedCredentialsFile",
          "AWS_PROFILE", "aws.profile",
          "STS endpoint of the chain", "aws.endpointUrlSts");

  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d+/([^/]+)/");

  private JavaSdkSide() {}

  /**
   * For each of {@code names}: the endpoint and signing region of a client made for the profile,
   * and the chain the SDK's own profile credentials provider follows (its STS calls sent to {@code
   * sts}, with a region set so that none falls back to AWS's global endpoint).
   */
  static Map<String, Resolution> resolve(
      List<String> names, Map<String, String> env, RecordingSts sts) {
    Map<String, String> saved = new LinkedHashMap<>();
    PROPERTIES.values().forEach(p -> saved.put(p, System.getProperty(p)));
    try {
      PROPERTIES.values().forEach(System::clearProperty);
      env.forEach(
          (k, v) -> {
            if (PROPERTIES.containsKey(k)) {
              System.setProperty(PROPERTIES.get(k), v);
            }
          });
      ProfileFile files = ProfileFile.defaultProfileFile();
      Map<String, Resolution> out = new LinkedHashMap<>();
      for (String name : names) {
        out.put(name, one(files, name));
      }
      // Only the chain is read from these calls: every one goes to the recorder, with settings
      // that cannot be combined with a custom endpoint turned off.
      System.setProperty("aws.endpointUrlSts", sts.endpoint().toString());
      System.setProperty("aws.useFipsEndpoint", "false");
      System.setProperty("aws.useDualstackEndpoint", "false");
      System.setProperty("aws.ignoreConfiguredEndpointUrls", "false");
      if (!env.containsKey("AWS_REGION")) {
        System.setProperty("aws.region", "us-east-1");
      }
      for (String name : names) {
        Resolution endpoint = out.get(name);
        List<String> chain = chain(files, name, sts);
        out.put(
            name,
            endpoint.error() != null
                ? endpoint
                : new Resolution(endpoint.endpoint(), endpoint.region(), chain, null));
      }
      return out;
    } finally {
      saved.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }

  private static List<String> chain(ProfileFile files, String name, RecordingSts sts) {
    try (ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder().profileFile(files).profileName(name).build()) {
      provider.resolveCredentials();
      return sts.chainAndClear();
    } catch (RuntimeException e) {
      sts.chainAndClear();
      return List.of("error: " + e.getClass().getSimpleName());
    }
  }

  private static Resolution one(ProfileFile files, String name) {
    AtomicReference<SdkHttpRequest> seen = new AtomicReference<>();
    ExecutionInterceptor capture =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            seen.set(context.httpRequest());
            throw new Captured();
          }
        };
    try (StsClient client =
        StsClient.builder()
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAORACLE", "s")))
            .overrideConfiguration(
                o ->
                    o.defaultProfileFile(files)
                        .defaultProfileName(name)
                        .addExecutionInterceptor(capture))
            .build()) {
      client.getCallerIdentity();
    } catch (Captured | software.amazon.awssdk.core.exception.SdkClientException e) {
      if (seen.get() == null) {
        return Resolution.failed(String.valueOf(e.getMessage()));
      }
    }
    SdkHttpRequest request = seen.get();
    String url = request.getUri().toString().replaceAll("/$", "");
    Matcher scope = SCOPE.matcher(request.firstMatchingHeader("Authorization").orElse(""));
    return new Resolution(url, scope.find() ? scope.group(1) : "?", null, null);
  }

  /** Stops a captured call. */
  private static final class Captured extends RuntimeException {
    Captured() {
      super("captured", null, false, false);
    }
  }
}

package dev.rolekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.daemon.IssuedToken;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;

/**
 * The real AWS SDK for Java v2 providers, pointed at the daemon, get the directory's credentials.
 */
@ExtendWith(VertxExtension.class)
class SdkProvidersTest {

  private static final List<SdkSystemSetting> SETTINGS =
      List.of(
          SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI,
          SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN,
          SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
          SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT);

  private final Map<String, String> saved = new HashMap<>();
  private RunningEndpoint endpoint;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx, @TempDir Path state) {
    for (SdkSystemSetting setting : SETTINGS) {
      saved.put(setting.property(), System.getProperty(setting.property()));
    }
    RunningEndpoint.start(vertx, state, new FakeSessionDirectory())
        .onComplete(
            ctx.succeeding(
                running -> {
                  endpoint = running;
                  ctx.completeNow();
                }));
  }

  @AfterEach
  void restoreProperties() {
    saved.forEach(
        (property, value) -> {
          if (value == null) {
            System.clearProperty(property);
          } else {
            System.setProperty(property, value);
          }
        });
  }

  @Test
  void containerProvider_withScopedTokenInVariable_resolvesDirectoryCredentials(
      VertxTestContext ctx) {
    AwsCredentials expected = endpoint.sessions().serve("prod");
    IssuedToken token = endpoint.tokens().clientToken(List.of("prod"));
    System.setProperty(
        SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.property(),
        "http://127.0.0.1:" + endpoint.port() + "/v1/credentials/prod");
    System.setProperty(
        SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN.property(), token.token());

    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
      AwsSessionCredentials resolved = (AwsSessionCredentials) provider.resolveCredentials();
      ctx.verify(() -> assertSame(resolved, expected));
    }
    ctx.completeNow();
  }

  @Test
  void containerProvider_withTokenFileOnly_resolvesDirectoryCredentials(VertxTestContext ctx) {
    AwsCredentials expected = endpoint.sessions().serve("dev");
    IssuedToken token = endpoint.tokens().clientToken(List.of("dev"));
    System.setProperty(
        SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.property(),
        "http://127.0.0.1:" + endpoint.port() + "/v1/credentials/dev");
    System.setProperty(
        SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE.property(),
        token.file().toString());

    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
      AwsSessionCredentials resolved = (AwsSessionCredentials) provider.resolveCredentials();
      ctx.verify(
          () -> {
            assertThat(Files.readString(token.file())).isEqualTo(token.token());
            assertSame(resolved, expected);
          });
    }
    ctx.completeNow();
  }

  @Test
  void instanceProfileProvider_withTrailingSlashEndpoint_resolvesImdsProfileCredentials(
      VertxTestContext ctx) {
    AwsCredentials expected = endpoint.sessions().serve(RunningEndpoint.IMDS_PROFILE);
    endpoint.sessions().serve("other");
    System.setProperty(
        SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT.property(),
        "http://127.0.0.1:" + endpoint.imdsPort() + "/");

    try (InstanceProfileCredentialsProvider provider =
        InstanceProfileCredentialsProvider.builder().build()) {
      AwsSessionCredentials resolved = (AwsSessionCredentials) provider.resolveCredentials();
      ctx.verify(() -> assertSame(resolved, expected));
    }
    ctx.completeNow();
  }

  @Test
  void instanceProfileProvider_withBuilderEndpoint_resolvesImdsProfileCredentials(
      VertxTestContext ctx) {
    AwsCredentials expected = endpoint.sessions().serve(RunningEndpoint.IMDS_PROFILE);

    try (InstanceProfileCredentialsProvider provider =
        InstanceProfileCredentialsProvider.builder()
            .endpoint("http://127.0.0.1:" + endpoint.imdsPort())
            .build()) {
      AwsSessionCredentials resolved = (AwsSessionCredentials) provider.resolveCredentials();
      ctx.verify(() -> assertSame(resolved, expected));
    }
    ctx.completeNow();
  }

  private static void assertSame(AwsSessionCredentials resolved, AwsCredentials expected) {
    assertThat(resolved.accessKeyId()).isEqualTo(expected.accessKeyId());
    assertThat(resolved.secretAccessKey()).isEqualTo(expected.secretAccessKey());
    assertThat(resolved.sessionToken()).isEqualTo(expected.sessionToken());
    assertThat(resolved.expirationTime())
        .contains(expected.expiration().truncatedTo(ChronoUnit.SECONDS));
  }
}

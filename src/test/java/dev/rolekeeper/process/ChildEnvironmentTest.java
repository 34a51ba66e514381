package dev.rolekeeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A child started by the {@link ProcessRunner} sees no secret of the daemon's environment. */
@ExtendWith(VertxExtension.class)
class ChildEnvironmentTest {

  private static final Map<String, String> SECRETS =
      Map.of(
          "AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEYID0001",
          "AWS_SECRET_ACCESS_KEY", "secret-access-key-value",
          "AWS_SESSION_TOKEN", "session-token-value",
          "AWS_SECURITY_TOKEN", "security-token-value",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN", "client-token-value",
          "AWS_BEARER_TOKEN_BEDROCK", "bedrock-key-value",
          "ROLEKEEPER_DEMO_MFA_SECRET", "totp-secret-value");

  private static final Map<String, String> PLACES =
      Map.of(
          "AWS_PROFILE", "prod",
          "AWS_CONFIG_FILE", "/home/me/.aws/config",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/home/me/.local/state/rolekeeper/token",
          "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token",
          "ROLEKEEPER_MFA_DEVICE", "arn:aws:iam::1:mfa/me");

  @Test
  void child_daemonEnvironmentHoldsAwsSecrets_seesNoneButKeepsThePlaces(Vertx vertx) {
    Map<String, String> daemonEnv = new HashMap<>(SECRETS);
    daemonEnv.putAll(PLACES);
    ProcessRunner runner = new ProcessRunner(vertx, daemonEnv);

    ProcessResult result =
        runner.run(List.of("/usr/bin/env", "-0"), "", Duration.ofSeconds(20)).result().await();

    Map<String, String> seen = parse(result.stdout());
    assertThat(seen).doesNotContainKeys(SECRETS.keySet().toArray(String[]::new));
    assertThat(result.stdout()).doesNotContain("-value");
    assertThat(seen).containsAllEntriesOf(PLACES);
  }

  @Test
  void child_secretGivenForThisProcessOnly_isRemovedToo(Vertx vertx) {
    ProcessRunner runner = new ProcessRunner(vertx, Map.of());

    ProcessResult result =
        runner
            .run(
                ProcessRunner.Pool.CREDENTIAL_PROCESSES,
                List.of("/usr/bin/env", "-0"),
                Map.of(
                    "AWS_SECRET_ACCESS_KEY", "secret-access-key-value", "AWS_REGION", "eu-west-1"),
                "",
                Duration.ofSeconds(20))
            .result()
            .await();

    Map<String, String> seen = parse(result.stdout());
    assertThat(seen)
        .doesNotContainKey("AWS_SECRET_ACCESS_KEY")
        .containsEntry("AWS_REGION", "eu-west-1");
  }

  @Test
  void isSecret_namesAreMatchedIgnoringCase_andOnlyTheListedOnes() {
    assertThat(ChildEnvironment.isSecret("aws_secret_access_key")).isTrue();
    Set<String> kept =
        Set.of("AWS_PROFILE", "AWS_REGION", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "PATH", "HOME");
    assertThat(kept).noneMatch(ChildEnvironment::isSecret);
  }

  private static Map<String, String> parse(String envZero) {
    return Arrays.stream(envZero.split("\0"))
        .filter(entry -> entry.contains("="))
        .collect(
            Collectors.toMap(
                entry -> entry.substring(0, entry.indexOf('=')),
                entry -> entry.substring(entry.indexOf('=') + 1),
                (first, second) -> first));
  }

  @Test
  void desktop_keepsOnlyWhereProgramsAreAndTheDisplay_asGiven() {
    Map<String, String> env =
        Map.of(
            "PATH", "/opt/bin",
            "DISPLAY", "",
            "HOME", "/home/me",
            "AWS_SECRET_ACCESS_KEY", "secret-access-key-value");

    assertThat(ChildEnvironment.desktop(env)).isEqualTo(Map.of("PATH", "/opt/bin", "DISPLAY", ""));
    assertThat(ChildEnvironment.desktop(Map.of("HOME", "/home/me"))).isEmpty();
  }
}

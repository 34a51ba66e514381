package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static dev.rolekeeper.daemon.SourceFixtures.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.mfa.MfaCode;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.SimulatorConfig.SimRole;
import dev.rolekeeper.sandbox.Totp;
import dev.rolekeeper.sandbox.WebIdentityTokens;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A daemon against the simulator serving sources beyond long-term keys: session credentials with
 * {@code mfa_serial}, and web identity token files with a role chained from one; and its status
 * listing the profiles it does not serve.
 */
@ExtendWith(VertxExtension.class)
class DaemonSourcesTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path home;
  private Vertx vertx;
  private RunningDaemon running;

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  @AfterEach
  void tearDown() throws Exception {
    if (running != null) {
      running.stop();
    }
  }

  private String callerArn(String profile) {
    var keys = running.currentCredentials(profile);
    return running.callerArn(
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(
                keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken())));
  }

  private void awaitServed(String profile) throws Exception {
    await(
        Eventually.until(
            vertx,
            () -> running.daemon.sessions().lookup(profile) instanceof Lookup.Available,
            WAIT));
  }

  @Test
  void sessionCredentialsWithMfaSerial_assumeRoleWithTheCode_noGetSessionTokenFromTheDaemon(
      Vertx vertx) throws Exception {
    this.vertx = vertx;
    running = RunningDaemon.prepare(vertx, home, List.of("admin-via-session"), Map.of());
    Credentials bobSession = SourceFixtures.sessionOf(running, 1);
    SourceFixtures.appendCredentials(
        running,
        "[bob-session]",
        "aws_access_key_id = " + bobSession.accessKeyId(),
        "aws_secret_access_key = " + bobSession.secretAccessKey(),
        "aws_session_token = " + bobSession.sessionToken());
    SourceFixtures.appendConfig(
        running,
        "[profile admin-via-session]",
        "role_arn = " + ROLE + "admin",
        "source_profile = bob-session",
        "mfa_serial = " + DemoAccount.MFA_DEVICE);
    running.startDaemon(vertx);
    await(
        Eventually.until(
            vertx, () -> !running.daemon.parts().mfa().prompts().pending().isEmpty(), WAIT));
    int sessionTokenCalls = running.simulator.calls("GetSessionToken");

    running
        .daemon
        .parts()
        .mfa()
        .prompts()
        .submit(
            Optional.of(DemoAccount.MFA_DEVICE),
            new MfaCode(Totp.generate(running.account.mfaSecret(), Instant.now())));
    awaitServed("admin-via-session");

    assertThat(callerArn("admin-via-session"))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/admin/rolekeeper-admin-via-session");
    assertThat(running.simulator.calls("GetSessionToken")).isEqualTo(sessionTokenCalls);
    assertThat(
            SourceFixtures.profileStatus(SourceFixtures.status(running), "admin-via-session")
                .getString("plan"))
        .contains("source holds session credentials: AssumeRole with the MFA code at each refresh");
    assertThat(logs.lines())
        .isNotEmpty()
        .noneMatch(line -> line.contains(bobSession.sessionToken()))
        .noneMatch(line -> line.contains(bobSession.secretAccessKey()));
  }

  @Test
  void webIdentityWithProfilesEmpty_tokenReadAgainAfterARefusal_chainServed_unservedListed(
      Vertx vertx) throws Exception {
    this.vertx = vertx;
    List<SimRole> roles =
        List.of(
            new SimRole(
                ROLE + "ci",
                List.of(WebIdentityTokens.providerArn(DemoAccount.ACCOUNT)),
                false,
                3600,
                null),
            new SimRole(ROLE + "deploy", List.of(ROLE + "ci"), false, 3600, null));
    running = RunningDaemon.prepare(vertx, home, List.of(), Map.of(), roles);
    Path tokenFile = home.resolve("token");
    WebIdentityTokens tokens = running.simulator.webIdentity();
    String wrongAudience =
        tokens.issue(
            "ci-job", WebIdentityTokens.ISSUER, "other", Instant.now(), Duration.ofHours(1));
    Files.writeString(tokenFile, wrongAudience);
    SourceFixtures.appendConfig(
        running,
        "[profile ci]",
        "role_arn = " + ROLE + "ci",
        "web_identity_token_file = " + tokenFile,
        "",
        "[profile ci-deploy]",
        "role_arn = " + ROLE + "deploy",
        "source_profile = ci",
        "",
        "[profile token-without-role]",
        "web_identity_token_file = " + tokenFile,
        "",
        "[profile lost]",
        "role_arn = " + ROLE + "dev",
        "source_profile = nobody");
    running.startDaemon(vertx);
    await(
        Eventually.untilAnswered(
            vertx,
            () ->
                running
                    .daemon
                    .sessions()
                    .status()
                    .map(
                        lines ->
                            lines.stream()
                                .anyMatch(
                                    line ->
                                        line.profile().equals("ci")
                                            && line.refresh().lastError() != null
                                            && line.refresh()
                                                .lastError()
                                                .contains("Incorrect token audience"))),
            WAIT));

    String goodToken = tokens.issue("ci-job", Instant.now(), Duration.ofHours(1));
    Files.writeString(tokenFile, goodToken);
    running.daemon.sessions().refresh("ci");
    awaitServed("ci-deploy");

    assertThat(callerArn("ci"))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/ci/rolekeeper-ci");
    assertThat(callerArn("ci-deploy"))
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/deploy/rolekeeper-ci-deploy");
    JsonObject status = SourceFixtures.status(running);
    assertThat(status.encode()).doesNotContain(wrongAudience).doesNotContain(goodToken);
    assertThat(logs.lines())
        .anyMatch(line -> line.contains("Incorrect token audience"))
        .noneMatch(line -> line.contains(wrongAudience) || line.contains(goodToken));
    Map<String, String> notServed = new java.util.TreeMap<>();
    status
        .getJsonArray("notServed")
        .forEach(
            o ->
                notServed.put(
                    ((JsonObject) o).getString("profile"), ((JsonObject) o).getString("reason")));
    assertThat(notServed).containsOnlyKeys("lost", "token-without-role");
    assertThat(notServed.get("lost")).contains("nobody");
    assertThat(notServed.get("token-without-role")).contains("needs a role_arn");
  }
}

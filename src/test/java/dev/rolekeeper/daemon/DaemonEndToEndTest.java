package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.TestProperties;
import dev.rolekeeper.http.Http;
import dev.rolekeeper.http.Http.Reply;
import dev.rolekeeper.sandbox.DemoAccount;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;

/** The whole daemon against the STS simulator, with real SDK clients and plain HTTP. */
@ExtendWith(VertxExtension.class)
class DaemonEndToEndTest {

  private static final String DEV_ARN =
      "arn:aws:sts::111122223333:assumed-role/dev/rolekeeper-demo-dev";
  private static final List<String> PROFILES =
      List.of(DemoAccount.DEV_PROFILE, DemoAccount.READONLY_PROFILE);

  @TempDir Path home;

  private Vertx vertx;
  private RunningDaemon running;
  private Http http;
  private final TestProperties properties = new TestProperties();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    http = new Http(vertx, new PoolOptions().setHttp1MaxSize(64));
  }

  @AfterEach
  void tearDown() throws Exception {
    properties.restore();
    await(http.close());
    if (running != null) {
      running.stop();
    }
  }

  private void setProperty(SdkSystemSetting setting, String value) {
    properties.set(setting.property(), value);
  }

  private RunningDaemon start(List<String> profiles) throws Exception {
    running = RunningDaemon.prepare(vertx, home, profiles, Map.of()).startDaemon(vertx);
    return running;
  }

  private Future<Reply> get(int port, String path, String token) {
    return http.get(port, path, "Authorization", token);
  }

  @Test
  void javaSdkContainerProvider_againstDaemon_signsCallerIdentityAsTheRole() throws Exception {
    start(PROFILES);
    String token = running.daemon.tokens().clientToken(List.of(DemoAccount.DEV_PROFILE)).token();
    setProperty(
        SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI,
        running.containerUri(DemoAccount.DEV_PROFILE));
    setProperty(SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN, token);

    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
      assertThat(running.callerArn(provider)).isEqualTo(DEV_ARN);
    }
  }

  @Test
  void javaSdkInstanceProfileProvider_againstDaemon_signsCallerIdentityAsTheRole()
      throws Exception {
    running =
        RunningDaemon.prepare(vertx, home, PROFILES, Map.of(RunningDaemon.IMDS_ENABLED, "true"))
            .startDaemon(vertx);
    setProperty(
        SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT,
        "http://127.0.0.1:" + running.daemon.imdsPort() + "/");

    try (InstanceProfileCredentialsProvider provider =
        InstanceProfileCredentialsProvider.builder().build()) {
      assertThat(running.callerArn(provider)).isEqualTo(DEV_ARN);
    }
  }

  @Test
  void chainedProfile_overContainerEndpoint_actsAsTheSecondRole() throws Exception {
    start(PROFILES);
    String token =
        running.daemon.tokens().clientToken(List.of(DemoAccount.READONLY_PROFILE)).token();
    setProperty(
        SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI,
        running.containerUri(DemoAccount.READONLY_PROFILE));
    setProperty(SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN, token);

    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
      assertThat(running.callerArn(provider))
          .isEqualTo("arn:aws:sts::111122223333:assumed-role/readonly/rolekeeper-demo-readonly");
    }
  }

  @Test
  void coldStartStorm_thousandRequestsAsTheDaemonStarts_causesOneStsCallAndNoErrors()
      throws Exception {
    running =
        RunningDaemon.prepare(vertx, home, List.of(DemoAccount.DEV_PROFILE), Map.of())
            .startDaemon(vertx);
    String token = running.daemon.tokens().controlToken();
    String path = "/v1/credentials/" + DemoAccount.DEV_PROFILE;

    List<Future<Reply>> answers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      answers.add(get(running.daemon.port(), path, token));
    }
    await(Future.all(answers));

    assertThat(answers).extracting(a -> a.result().status()).containsOnly(200);
    assertThat(running.simulator.calls("AssumeRole")).isEqualTo(1);
  }

  @Test
  void shortSessions_clientPollingThroughSeveralLifetimes_seesNoErrorAndNewKeys() throws Exception {
    running = RunningDaemon.prepare(vertx, home, List.of(DemoAccount.DEV_PROFILE), Map.of());
    running.simulator.sessionSecondsOverride(3);
    running.startDaemon(vertx);
    String token = running.daemon.tokens().controlToken();
    Set<String> keys = ConcurrentHashMap.newKeySet();
    List<String> problems = new ArrayList<>();

    await(poll(token, keys, problems, System.nanoTime() + 20_000_000_000L));

    assertThat(problems).isEmpty();
    assertThat(keys).hasSizeGreaterThanOrEqualTo(4);
  }

  /**
   * One request at a time, back to back, until four different keys were served or the deadline
   * passed.
   */
  private Future<Void> poll(String token, Set<String> keys, List<String> problems, long deadline) {
    Promise<Void> done = Promise.promise();
    pollOnce(token, keys, problems, deadline, done);
    return done.future();
  }

  private void pollOnce(
      String token, Set<String> keys, List<String> problems, long deadline, Promise<Void> done) {
    get(running.daemon.port(), "/v1/credentials/" + DemoAccount.DEV_PROFILE, token)
        .onComplete(
            result -> {
              if (result.failed()) {
                problems.add(result.cause().toString());
              } else if (result.result().status() != 200) {
                problems.add(result.result().status() + " " + result.result().body());
              } else {
                JsonObject json = result.result().json();
                keys.add(json.getString("AccessKeyId"));
                if (!Instant.parse(json.getString("Expiration")).isAfter(Instant.now())) {
                  problems.add("expired credentials served: " + json.getString("Expiration"));
                }
              }
              if (keys.size() >= 4 || System.nanoTime() > deadline) {
                done.complete();
              } else {
                // A fresh stack for every request: the loop runs thousands of times.
                vertx.runOnContext(v -> pollOnce(token, keys, problems, deadline, done));
              }
            });
  }

  @Test
  void roleTheUserMayNotAssume_answers503AccessDeniedAndStatusSaysWhy() throws Exception {
    running = RunningDaemon.prepare(vertx, home, List.of("denied"), Map.of());
    Files.writeString(
        home.resolve(".aws/config"),
        String.join(
            "\n",
            "",
            "[profile denied]",
            "role_arn = arn:aws:iam::111122223333:role/admin",
            "source_profile = demo-alice",
            ""),
        StandardOpenOption.APPEND);
    running.startDaemon(vertx);
    String token = running.daemon.tokens().controlToken();

    Reply answer = await(get(running.daemon.port(), "/v1/credentials/denied", token));
    Reply status = await(get(running.daemon.port(), "/control/status", token));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.json().getString("code")).isEqualTo("AccessDenied");
    assertThat(answer.json().getString("message")).contains("denied").contains("not authorized");
    JsonObject profile = status.json().getJsonArray("profiles").getJsonObject(0);
    assertThat(profile.getString("state")).isEqualTo("Failed");
    assertThat(profile.getString("lastError")).startsWith("AccessDenied:");
  }

  @Test
  void brokenProfile_isReportedWithFileAndReason_whileOthersAreServed() throws Exception {
    running =
        RunningDaemon.prepare(vertx, home, List.of(DemoAccount.DEV_PROFILE, "loop"), Map.of());
    Files.writeString(
        home.resolve(".aws/config"),
        String.join(
            "\n",
            "",
            "[profile loop]",
            "role_arn = arn:aws:iam::111122223333:role/dev",
            "source_profile = loop2",
            "[profile loop2]",
            "role_arn = arn:aws:iam::111122223333:role/dev",
            "source_profile = loop",
            ""),
        StandardOpenOption.APPEND);
    running.startDaemon(vertx);
    String token = running.daemon.tokens().controlToken();

    Reply good =
        await(get(running.daemon.port(), "/v1/credentials/" + DemoAccount.DEV_PROFILE, token));
    Reply broken = await(get(running.daemon.port(), "/v1/credentials/loop", token));

    assertThat(good.status()).isEqualTo(200);
    assertThat(broken.status()).isEqualTo(503);
    assertThat(broken.json().getString("message")).contains("loop").contains(".aws/config");
  }

  @Test
  void unknownProfile_answers404() throws Exception {
    start(PROFILES);

    Reply answer =
        await(
            get(
                running.daemon.port(),
                "/v1/credentials/nope",
                running.daemon.tokens().controlToken()));

    assertThat(answer.status()).isEqualTo(404);
  }
}

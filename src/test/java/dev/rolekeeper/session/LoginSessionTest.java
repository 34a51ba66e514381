package dev.rolekeeper.session;

import static dev.rolekeeper.session.MfaAccount.CAROL;
import static dev.rolekeeper.session.MfaAccount.DEVICE;
import static dev.rolekeeper.session.SessionFixture.await;
import static dev.rolekeeper.session.SessionFixture.hop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A console sign-in profile ({@code login_session}) and a role chained from it, served by the
 * session manager against the STS simulator. The {@link LoginSource} stands in for AWS Sign-In: it
 * hands out a session the simulator issued to carol, as the Sign-In simulator does.
 */
@ExtendWith(VertxExtension.class)
class LoginSessionTest {

  private static final LoginSettings CONSOLE =
      new LoginSettings(CAROL.arn(), "us-east-1", null, null);
  private static final String OPS = MfaAccount.roleArn("ops-a");

  private Vertx vertx;
  private SessionFixture sts;
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSimulator(Vertx vertx) throws Exception {
    this.vertx = vertx;
    sts = new SessionFixture(vertx, MfaAccount.config());
  }

  @AfterEach
  void stop() throws Exception {
    sts.close();
  }

  /** The console session's credentials: carol's temporary session, issued by the simulator. */
  private Future<AwsCredentials> consoleSession(String profile, LoginSettings settings) {
    asked.add(profile + " " + settings.session());
    return vertx.executeBlocking(
        () -> {
          try (StsClient client =
              StsClient.builder()
                  .endpointOverride(sts.simulator.endpoint())
                  .region(Region.US_EAST_1)
                  .httpClient(UrlConnectionHttpClient.create())
                  .credentialsProvider(
                      StaticCredentialsProvider.create(
                          AwsBasicCredentials.create(CAROL.accessKeyId(), CAROL.secretAccessKey())))
                  .build()) {
            Credentials issued = client.getSessionToken(r -> r.durationSeconds(900)).credentials();
            return new AwsCredentials(
                issued.accessKeyId(),
                issued.secretAccessKey(),
                issued.sessionToken(),
                issued.expiration(),
                null);
          }
        },
        false);
  }

  private static Map<String, Plan> plans(LoginSource source) {
    Map<String, Plan> plans = new LinkedHashMap<>();
    plans.put(
        "console",
        new LoginPlan(
            new RoleHop("console", null, null, 0, null, RoleHop.Route.regional("us-east-1")),
            CONSOLE,
            source));
    plans.put("ops", new Plan.Chained(hop("ops", OPS, 3600), "console", DEVICE));
    return plans;
  }

  @Test
  void roleChainedFromConsoleSession_assumedWithItsCredentialsAndAnMfaCode() throws Exception {
    RecordingCodeSource codes =
        new RecordingCodeSource(n -> Future.succeededFuture(MfaAccount.codeAt(Instant.now())));
    SessionManager manager =
        sts.start(plans(this::consoleSession), codes, SessionFixture.fastPolicy());

    Lookup ops = await(manager.lookupSoon("ops"));
    Lookup console = await(manager.lookupSoon("console"));

    assertThat(ops).isInstanceOf(Lookup.Available.class);
    assertThat(sts.callerArn(((Lookup.Available) ops).credentials()))
        .isEqualTo(MfaAccount.assumedArn("ops-a", "ops"));
    assertThat(console).isInstanceOf(Lookup.Available.class);
    assertThat(sts.callerArn(((Lookup.Available) console).credentials())).isEqualTo(CAROL.arn());
    assertThat(codes.requests()).extracting(RecordingCodeSource.Request::device).contains(DEVICE);
    assertThat(asked).contains("console " + CAROL.arn());
    assertThat(sts.simulator.calls("GetSessionToken")).isEqualTo(1);
  }

  @Test
  void consoleSessionNeedsASignIn_bothProfilesAnswerLoginRequiredNamingTheCommand()
      throws Exception {
    RecordingCodeSource codes = new RecordingCodeSource(n -> Future.succeededFuture("123456"));
    LoginSource ended =
        (profile, settings) ->
            Future.failedFuture(
                new StsFailureException(
                    new StsOutcome.Failed(
                        FailureKind.FATAL,
                        LoginSource.LOGIN_REQUIRED,
                        "the console sign-in session has ended: run `rolekeeper login "
                            + profile
                            + "`")));
    SessionManager manager = sts.start(plans(ended), codes, SessionFixture.fastPolicy());

    Lookup console = await(manager.lookupSoon("console"));
    Lookup ops = await(manager.lookupSoon("ops"));

    for (Lookup each : List.of(console, ops)) {
      assertThat(each)
          .isInstanceOfSatisfying(
              Lookup.Unavailable.class,
              unavailable -> {
                assertThat(unavailable.code()).isEqualTo("LoginRequired");
                assertThat(unavailable.message()).contains("rolekeeper login console");
              });
    }
    SessionStatus status =
        await(manager.status()).stream()
            .filter(s -> s.profile().equals("console"))
            .findFirst()
            .orElseThrow();
    assertThat(status.refresh().state()).isEqualTo("Failed");
    assertThat(status.refresh().lastError())
        .startsWith("LoginRequired: ")
        .contains("rolekeeper login console");
    assertThat(status.plan()).contains("console sign-in session of " + CAROL.arn());
    assertThat(codes.requests()).as("no code asked for a role that cannot be signed").isEmpty();
    assertThat(sts.simulator.calls("AssumeRole")).isZero();
  }
}

package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.TestProperties;
import dev.rolekeeper.http.Http;
import dev.rolekeeper.http.Http.Reply;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.SsoApprovalPage;
import dev.rolekeeper.sandbox.SsoGrant;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.sso.SsoToken;
import dev.rolekeeper.sso.SsoTokenCache;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.services.ssooidc.internal.OnDiskTokenManager;
import software.amazon.awssdk.services.ssooidc.internal.SsoOidcToken;

/**
 * The daemon serving IAM Identity Center profiles from the simulator: the AWS CLI's token cache as
 * the start, the access token refreshed and written back, sign-in through the control route and the
 * simulator's approval page, and the 503 answer when nobody signs in.
 */
@ExtendWith(VertxExtension.class)
class DaemonSsoTest {

  private static final SsoSettings SETTINGS =
      new SsoSettings(
          DemoAccount.SSO_SESSION,
          DemoAccount.SSO_START_URL,
          "us-east-1",
          List.of("sso:account:access"),
          DemoAccount.ACCOUNT,
          DemoAccount.SSO_ROLE);
  private static final List<String> PROFILES =
      List.of(DemoAccount.SSO_PROFILE, DemoAccount.SSO_CHAINED_PROFILE);

  @TempDir Path home;

  private Vertx vertx;
  private RunningDaemon running;
  private Http http;
  private final TestProperties properties = new TestProperties();

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    http = new Http(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    properties.restore();
    await(http.close());
    if (running != null) {
      running.stop();
    }
  }

  private RunningDaemon prepare() throws Exception {
    running = RunningDaemon.prepare(vertx, home, PROFILES, Map.of());
    running.account.appendSsoProfiles(home.resolve(".aws"), "us-east-1");
    running.account.assignSso(running.simulator);
    return running;
  }

  private SsoTokenCache cache() {
    return new SsoTokenCache(home.resolve(".aws/sso/cache"));
  }

  /** What `aws sso login` would have left in the cache. */
  private SsoGrant cacheSignIn(boolean refreshable) throws Exception {
    SsoGrant grant = running.simulator.sso().signedIn(refreshable);
    cache()
        .write(
            SETTINGS,
            new SsoToken(
                grant.accessToken(),
                grant.expiresAt(),
                grant.refreshToken(),
                new SsoToken.Registration(
                    grant.clientId(), grant.clientSecret(), grant.registrationExpiresAt()),
                "us-east-1",
                DemoAccount.SSO_START_URL));
    return grant;
  }

  private Reply credentials(String profile) throws Exception {
    return await(
        http.get(
            running.daemon.port(),
            "/v1/credentials/" + profile,
            "Authorization",
            running.daemon.tokens().controlToken()));
  }

  @Test
  void cachedSignIn_javaSdkContainerProvider_signsCallerIdentityAsTheSsoRoleAndTheChainedRole()
      throws Exception {
    prepare();
    cacheSignIn(true);
    running.startDaemon(vertx);

    for (String profile : PROFILES) {
      properties.set(
          SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.property(),
          running.containerUri(profile));
      properties.set(
          SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN.property(),
          running.daemon.tokens().clientToken(List.of(profile)).token());
      try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
        String arn = running.callerArn(provider);
        if (profile.equals(DemoAccount.SSO_PROFILE)) {
          assertThat(arn)
              .matches(
                  "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developer_[0-9a-f]{16}/"
                      + "developer@example.com");
        } else {
          assertThat(arn)
              .isEqualTo("arn:aws:sts::111122223333:assumed-role/ops/rolekeeper-demo-sso-ops");
        }
      }
    }
    assertThat(running.simulator.calls("GetRoleCredentials")).isEqualTo(1);
    assertThat(running.simulator.calls("CreateToken")).isZero();
  }

  @Test
  void accessTokenNearExpiry_refreshedWithoutPrompt_cacheWrittenInTheSdksFormat() throws Exception {
    prepare();
    running.simulator.sso().accessTokenSeconds(300);
    SsoGrant cached = cacheSignIn(true);
    running.simulator.sso().accessTokenSeconds(3600);
    running.startDaemon(vertx);

    assertThat(credentials(DemoAccount.SSO_PROFILE).status()).isEqualTo(200);

    assertThat(running.simulator.calls("CreateToken")).isEqualTo(1);
    assertThat(running.simulator.calls("StartDeviceAuthorization")).isZero();
    Path file = home.resolve(".aws/sso/cache/" + SETTINGS.cacheFileName());
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    JsonObject json = new JsonObject(Files.readString(file));
    assertThat(json.fieldNames())
        .containsExactlyInAnyOrder(
            "startUrl",
            "region",
            "accessToken",
            "expiresAt",
            "refreshToken",
            "clientId",
            "clientSecret",
            "registrationExpiresAt");
    assertThat(json.getString("accessToken")).isNotEqualTo(cached.accessToken());
    assertThat(json.getString("expiresAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    // The SDK's own cache reader (what SsoOidcTokenProvider uses) takes the file as it is.
    try (OnDiskTokenManager sdkCache =
        OnDiskTokenManager.create(home.resolve(".aws/sso/cache"), DemoAccount.SSO_SESSION)) {
      SsoOidcToken token = sdkCache.loadToken().orElseThrow();
      assertThat(token.token()).isEqualTo(json.getString("accessToken"));
      assertThat(token.expirationTime()).contains(Instant.parse(json.getString("expiresAt")));
      assertThat(token.refreshToken()).isEqualTo(cached.refreshToken());
      assertThat(token.clientId()).isEqualTo(cached.clientId());
    }
    // And the SDK's SsoOidcTokenProvider itself, in a JVM whose HOME is this test's, takes it
    // without refreshing.
    int createTokens = running.simulator.calls("CreateToken");
    String printed = sdkProviderReads(DemoAccount.SSO_SESSION);
    assertThat(printed)
        .contains("expiresAt=" + json.getString("expiresAt"))
        .contains("tokenSha256=" + sha256(json.getString("accessToken")));
    assertThat(running.simulator.calls("CreateToken")).isEqualTo(createTokens);
  }

  private String sdkProviderReads(String session) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                SdkSsoTokenMain.class.getName(),
                session,
                running.simulator.endpoint().toString())
            .redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    return output;
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void ssoSessionEndsAndNobodySignsIn_oldCredentialsUntilExpiryThen503SsoLoginRequired()
      throws Exception {
    prepare();
    running.simulator.sessionSecondsOverride(3);
    cacheSignIn(true);
    running.startDaemon(vertx);
    assertThat(credentials(DemoAccount.SSO_PROFILE).status()).isEqualTo(200);

    running.simulator.sso().endSessions();

    await(
        Eventually.until(
            vertx, () -> seen(DemoAccount.SSO_PROFILE) == 503, Duration.ofSeconds(20)));
    JsonObject error = credentials(DemoAccount.SSO_PROFILE).json();
    assertThat(error.getString("code")).isEqualTo("SsoLoginRequired");
    assertThat(error.getString("message"))
        .contains("SSO session demo")
        .contains("rolekeeper login demo");
    JsonObject status =
        await(
                http.get(
                    running.daemon.port(),
                    "/control/status",
                    "Authorization",
                    running.daemon.tokens().controlToken()))
            .json();
    JsonObject sso = status.getJsonArray("ssoSessions").getJsonObject(0);
    assertThat(sso.getString("name")).isEqualTo("demo");
    assertThat(sso.getString("state")).isEqualTo("SignInNeeded");
  }

  @Test
  void noCachedToken_loginThroughControlRouteApprovedInThePage_servesEveryProfileOfTheSession()
      throws Exception {
    prepare();
    running.startDaemon(vertx);
    await(
        Eventually.until(
            vertx, () -> seen(DemoAccount.SSO_PROFILE) == 503, Duration.ofSeconds(10)));

    Reply unknown =
        await(
            http.post(
                running.daemon.port(),
                "/control/sso/login",
                "{\"session\":\"nope\"}",
                "Authorization",
                running.daemon.tokens().controlToken(),
                "Content-Type",
                "application/json"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("code")).isEqualTo("NoSsoSession");
    assertThat(unknown.json().getString("message")).contains("'nope'");
    Reply started =
        await(
            http.post(
                running.daemon.port(),
                "/control/sso/login",
                "{\"session\":\"demo\"}",
                "Authorization",
                running.daemon.tokens().controlToken(),
                "Content-Type",
                "application/json"));
    assertThat(started.status()).isEqualTo(200);
    String link = started.json().getString("verificationUriComplete");
    assertThat(link).startsWith(running.simulator.endpoint() + "/sso/device?user_code=");
    SsoApprovalPage.approve(link);

    await(
        Eventually.until(
            vertx,
            () ->
                seen(DemoAccount.SSO_PROFILE) == 200
                    && seen(DemoAccount.SSO_CHAINED_PROFILE) == 200,
            Duration.ofSeconds(15)));
    assertThat(running.simulator.calls("StartDeviceAuthorization")).isEqualTo(1);
    SsoToken signedIn = cache().read(SETTINGS).orElseThrow();
    assertThat(signedIn.refreshToken()).isNotNull();
    JsonObject keys = credentials(DemoAccount.SSO_PROFILE).json();
    List<String> secrets =
        List.of(
            signedIn.accessToken(),
            signedIn.refreshToken(),
            signedIn.client().clientSecret(),
            keys.getString("SecretAccessKey"),
            keys.getString("Token"));
    List<String> lines = logs.lines();
    assertThat(lines).isNotEmpty();
    secrets.forEach(secret -> assertThat(lines).noneMatch(line -> line.contains(secret)));
    assertThat(lines)
        .anyMatch(
            line ->
                line.contains("Sign in to AWS: profiles demo-sso, demo-sso-ops need it by")
                    || line.contains("Sign in to AWS: profile demo-sso needs it by"));
  }

  private final Map<String, Integer> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * For conditions polled on the event loop: asks again without waiting, answers the status seen
   * last.
   */
  private int seen(String profile) {
    http.get(
            running.daemon.port(),
            "/v1/credentials/" + profile,
            "Authorization",
            running.daemon.tokens().controlToken())
        .onSuccess(reply -> lastSeen.put(profile, reply.status()));
    return lastSeen.getOrDefault(profile, -1);
  }
}

package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The simulated IAM Identity Center, driven by the AWS SDK for Java v2's own SSO OIDC and portal
 * clients.
 */
class SsoSimulatorTest extends SimulatorTestSupport {

  private static final String START_URL = "https://corp.awsapps.com/start";
  private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private SsoOidcClient oidc;
  private SsoClient portal;

  @BeforeEach
  void clients() {
    sim.sso().assign(ACCOUNT, "Developer");
    oidc =
        SsoOidcClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    portal =
        SsoClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  private RegisterClientResponse register() {
    return oidc.registerClient(
        r ->
            r.clientName("test")
                .clientType("public")
                .scopes("sso:account:access")
                .grantTypes(DEVICE_GRANT, "refresh_token"));
  }

  private CreateTokenResponse poll(
      RegisterClientResponse client, StartDeviceAuthorizationResponse device) {
    return oidc.createToken(
        r ->
            r.clientId(client.clientId())
                .clientSecret(client.clientSecret())
                .grantType(DEVICE_GRANT)
                .deviceCode(device.deviceCode()));
  }

  @Test
  void
      deviceSignIn_pendingThenSlowDownThenApprovedInThePage_issuesRefreshableTokenAndRoleCredentials()
          throws Exception {
    RegisterClientResponse client = register();
    StartDeviceAuthorizationResponse device =
        oidc.startDeviceAuthorization(
            r ->
                r.clientId(client.clientId())
                    .clientSecret(client.clientSecret())
                    .startUrl(START_URL));

    assertThat(device.verificationUriComplete())
        .isEqualTo(sim.endpoint() + "/sso/device?user_code=" + device.userCode());
    assertThat(device.interval()).isEqualTo(1);
    assertThat(catchThrowable(() -> poll(client, device)))
        .isInstanceOf(AuthorizationPendingException.class);
    Throwable tooSoon = catchThrowable(() -> poll(client, device));
    assertThat(tooSoon).isInstanceOf(SlowDownException.class);
    assertThat(((SlowDownException) tooSoon).error()).isEqualTo("slow_down");

    SsoApprovalPage.approve(device.verificationUriComplete());
    clock.advance(Duration.ofSeconds(5));
    assertThat(catchThrowable(() -> poll(client, device)))
        .as("slow_down added 5 s to the 1 s interval")
        .isInstanceOf(SlowDownException.class);
    clock.advance(Duration.ofSeconds(11));
    CreateTokenResponse token = poll(client, device);

    assertThat(token.expiresIn()).isEqualTo(3600);
    assertThat(token.refreshToken()).isNotBlank();
    CreateTokenResponse refreshed =
        oidc.createToken(
            r ->
                r.clientId(client.clientId())
                    .clientSecret(client.clientSecret())
                    .grantType("refresh_token")
                    .refreshToken(token.refreshToken()));
    assertThat(refreshed.accessToken()).isNotEqualTo(token.accessToken());

    RoleCredentials role =
        portal
            .getRoleCredentials(
                r ->
                    r.accessToken(refreshed.accessToken()).accountId(ACCOUNT).roleName("Developer"))
            .roleCredentials();
    assertThat(role.expiration()).isEqualTo(clock.instant().plusSeconds(3600).toEpochMilli());
    GetCallerIdentityResponse who =
        client(
                AwsSessionCredentials.create(
                    role.accessKeyId(), role.secretAccessKey(), role.sessionToken()))
            .getCallerIdentity();
    assertThat(who.arn())
        .startsWith("arn:aws:sts::" + ACCOUNT + ":assumed-role/AWSReservedSSO_Developer_")
        .endsWith("/developer@example.com");
    assertThat(portal.listAccounts(r -> r.accessToken(token.accessToken())).accountList())
        .extracting(a -> a.accountId())
        .containsExactly(ACCOUNT);
    assertThat(
            portal
                .listAccountRoles(r -> r.accessToken(token.accessToken()).accountId(ACCOUNT))
                .roleList())
        .extracting(r -> r.roleName())
        .containsExactly("Developer");
  }

  @Test
  void deniedInThePage_isAccessDenied() {
    RegisterClientResponse client = register();
    StartDeviceAuthorizationResponse device =
        oidc.startDeviceAuthorization(
            r ->
                r.clientId(client.clientId())
                    .clientSecret(client.clientSecret())
                    .startUrl(START_URL));

    assertThat(sim.sso().deny(device.userCode())).isTrue();

    assertThat(catchThrowable(() -> poll(client, device)))
        .isInstanceOfSatisfying(
            AccessDeniedException.class, e -> assertThat(e.error()).isEqualTo("access_denied"));
  }

  @Test
  void nobodyApproves_deviceCodeExpires() {
    RegisterClientResponse client = register();
    StartDeviceAuthorizationResponse device =
        oidc.startDeviceAuthorization(
            r ->
                r.clientId(client.clientId())
                    .clientSecret(client.clientSecret())
                    .startUrl(START_URL));

    clock.advance(Duration.ofSeconds(device.expiresIn()));

    assertThat(catchThrowable(() -> poll(client, device)))
        .isInstanceOf(ExpiredTokenException.class);
    assertThat(sim.sso().pendingUserCodes()).isEmpty();
  }

  @Test
  void endedSsoSession_refreshIsInvalidGrantAndPortalUnauthorized() {
    SsoGrant grant = sim.sso().signedIn(true);

    sim.sso().endSessions();

    Throwable refresh =
        catchThrowable(
            () ->
                oidc.createToken(
                    r ->
                        r.clientId(grant.clientId())
                            .clientSecret(grant.clientSecret())
                            .grantType("refresh_token")
                            .refreshToken(grant.refreshToken())));
    assertThat(refresh)
        .isInstanceOfSatisfying(
            InvalidGrantException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    Throwable portalCall =
        catchThrowable(
            () ->
                portal.getRoleCredentials(
                    r ->
                        r.accessToken(grant.accessToken())
                            .accountId(ACCOUNT)
                            .roleName("Developer")));
    assertThat(portalCall)
        .isInstanceOfSatisfying(
            UnauthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
  }

  @Test
  void expiredAccessTokenOrUnassignedRole_areRefused() {
    SsoGrant grant = sim.sso().signedIn(false);
    assertThat(grant.refreshToken()).isNull();

    Throwable forbidden =
        catchThrowable(
            () ->
                portal.getRoleCredentials(
                    r -> r.accessToken(grant.accessToken()).accountId(ACCOUNT).roleName("Admin")));
    assertThat(forbidden)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ForbiddenException");
            });
    clock.advance(Duration.ofHours(1));
    assertThat(
            catchThrowable(
                () ->
                    portal.getRoleCredentials(
                        r ->
                            r.accessToken(grant.accessToken())
                                .accountId(ACCOUNT)
                                .roleName("Developer"))))
        .isInstanceOf(UnauthorizedException.class);
    assertThat(sim.calls("GetRoleCredentials")).isEqualTo(2);
  }
}

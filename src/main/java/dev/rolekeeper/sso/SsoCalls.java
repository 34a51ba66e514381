package dev.rolekeeper.sso;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.sso.SsoCallException.Kind;
import dev.rolekeeper.sso.SsoToken.Registration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * The SSO OIDC and portal calls rolekeeper makes, through the SDK's clients. Blocking: call on a
 * worker thread. Tokens and keys go straight into the returned values and are never logged.
 */
public final class SsoCalls {

  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  static final String REFRESH_GRANT = "refresh_token";
  private static final Set<String> TOKEN_GONE =
      Set.of(
          "InvalidGrantException",
          "ExpiredTokenException",
          "InvalidClientException",
          "UnauthorizedClientException",
          "AccessDeniedException",
          "UnauthorizedException");

  private final SsoClients clients;
  private final Clock clock;

  public SsoCalls(SsoClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  /**
   * GetRoleCredentials: the role's keys, expiring when the portal says (epoch milliseconds on the
   * wire).
   */
  public AwsCredentials roleCredentials(SsoSettings settings, String accessToken)
      throws SsoCallException {
    try {
      RoleCredentials role =
          clients
              .portal(settings.region(), settings.caBundle())
              .getRoleCredentials(
                  r ->
                      r.accessToken(accessToken)
                          .accountId(settings.role().accountId())
                          .roleName(settings.role().name()))
              .roleCredentials();
      return new AwsCredentials(
          role.accessKeyId(),
          role.secretAccessKey(),
          role.sessionToken(),
          Instant.ofEpochMilli(role.expiration()),
          settings.role().accountId());
    } catch (SdkException e) {
      SsoCallException failure =
          SsoClients.classify(
              "GetRoleCredentials for role "
                  + settings.role().name()
                  + " in account "
                  + settings.role().accountId(),
              e,
              TOKEN_GONE);
      if ("ForbiddenException".equals(failure.code())) {
        return rethrowForbidden(settings);
      }
      throw failure;
    }
  }

  private static AwsCredentials rethrowForbidden(SsoSettings settings) throws SsoCallException {
    throw new SsoCallException(
        Kind.FATAL,
        "ForbiddenException",
        "IAM Identity Center gives the signed-in user no"
            + " access to role "
            + settings.role().name()
            + " in account "
            + settings.role().accountId()
            + " (check sso_account_id and sso_role_name)");
  }

  /**
   * CreateToken with the refresh grant: a new access token for the same registration, trusting the
   * CA bundle of the profile the token serves.
   *
   * @param caBundle the profile's {@code ca_bundle}, or null
   */
  public SsoToken refresh(SsoToken token, String caBundle) throws SsoCallException {
    try {
      CreateTokenResponse created =
          clients
              .oidc(token.region(), caBundle)
              .createToken(
                  r ->
                      r.clientId(token.client().clientId())
                          .clientSecret(token.client().clientSecret())
                          .grantType(REFRESH_GRANT)
                          .refreshToken(token.refreshToken()));
      return token.renewed(
          created.accessToken(), expiresIn(created.expiresIn()), created.refreshToken());
    } catch (SdkException e) {
      throw SsoClients.classify("refreshing the SSO access token (CreateToken)", e, TOKEN_GONE);
    }
  }

  /**
   * RegisterClient as a public client; with the refresh grant for sso-session sign-ins, as the AWS
   * CLI does.
   */
  public Registration register(SsoSettings settings) throws SsoCallException {
    List<String> grants = new ArrayList<>(List.of(DEVICE_GRANT));
    if (settings.hasSession()) {
      grants.add(REFRESH_GRANT);
    }
    try {
      RegisterClientResponse client =
          clients
              .oidc(settings.region(), settings.caBundle())
              .registerClient(
                  r ->
                      r.clientType("public")
                          .clientName("rolekeeper-" + clock.instant().getEpochSecond())
                          .scopes(settings.scopes())
                          .grantTypes(settings.hasSession() ? grants : null));
      return new Registration(
          client.clientId(),
          client.clientSecret(),
          Instant.ofEpochSecond(client.clientSecretExpiresAt()));
    } catch (SdkException e) {
      throw SsoClients.classify("RegisterClient", e, Set.of());
    }
  }

  /** StartDeviceAuthorization: the code and the link to show the person. */
  public DeviceCode startDevice(SsoSettings settings, Registration client) throws SsoCallException {
    try {
      StartDeviceAuthorizationResponse device =
          clients
              .oidc(settings.region(), settings.caBundle())
              .startDeviceAuthorization(
                  r ->
                      r.clientId(client.clientId())
                          .clientSecret(client.clientSecret())
                          .startUrl(settings.startUrl()));
      return new DeviceCode(
          device.deviceCode(),
          device.userCode(),
          device.verificationUri(),
          device.verificationUriComplete(),
          clock.instant().plusSeconds(device.expiresIn()),
          device.interval() == null || device.interval() < 1 ? 5 : device.interval());
    } catch (SdkException e) {
      throw SsoClients.classify("StartDeviceAuthorization", e, Set.of());
    }
  }

  /** One CreateToken poll with the device-code grant. */
  public Poll poll(SsoSettings settings, Registration client, DeviceCode device)
      throws SsoCallException {
    try {
      CreateTokenResponse created =
          clients
              .oidc(settings.region(), settings.caBundle())
              .createToken(
                  r ->
                      r.clientId(client.clientId())
                          .clientSecret(client.clientSecret())
                          .grantType(DEVICE_GRANT)
                          .deviceCode(device.deviceCode()));
      return new Poll.Granted(
          new SsoToken(
              created.accessToken(),
              expiresIn(created.expiresIn()),
              created.refreshToken(),
              client,
              settings.region(),
              settings.startUrl()));
    } catch (AuthorizationPendingException e) {
      return new Poll.Pending();
    } catch (SlowDownException e) {
      return new Poll.SlowDown();
    } catch (SdkException e) {
      SsoCallException failure = SsoClients.classify("signing in (CreateToken)", e, Set.of());
      String why =
          switch (failure.code()) {
            case "ExpiredTokenException" -> "nobody approved the sign-in in time";
            case "AccessDeniedException" -> "the sign-in was denied in the browser";
            default -> failure.getMessage();
          };
      throw new SsoCallException(
          failure.kind() == Kind.RETRYABLE ? Kind.RETRYABLE : Kind.FATAL, failure.code(), why);
    }
  }

  /** Whole seconds, as the cache keeps it, so the token held and the one written agree. */
  private Instant expiresIn(Integer seconds) {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(seconds);
  }

  /**
   * A started device sign-in.
   *
   * @param userCode the code the person checks in the browser (not a secret: it is shown on screen)
   * @param verificationUriComplete the link that opens the approval with the code filled in
   */
  public record DeviceCode(
      String deviceCode,
      String userCode,
      String verificationUri,
      String verificationUriComplete,
      Instant expiresAt,
      int interval) {
    @Override
    public String toString() {
      return "DeviceCode[" + userCode + ", expires " + expiresAt + "]";
    }
  }

  /** The answer to one poll. */
  public sealed interface Poll {
    record Pending() implements Poll {}

    record SlowDown() implements Poll {}

    record Granted(SsoToken token) implements Poll {}
  }
}

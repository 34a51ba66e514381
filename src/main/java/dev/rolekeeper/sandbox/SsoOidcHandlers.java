package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * SSO OIDC: {@code POST /client/register} (RegisterClient), {@code POST /device_authorization}
 * (StartDeviceAuthorization) and {@code POST /token} (CreateToken with the device-code grant —
 * answering {@code authorization_pending}, {@code slow_down} when polled faster than the interval,
 * {@code expired_token}, {@code access_denied} — or the refresh-token grant).
 */
final class SsoOidcHandlers {

  /**
   * Polls this much earlier than the interval still count as on time (timer and network jitter).
   */
  private static final Duration POLL_TOLERANCE = Duration.ofMillis(150);

  private final SsoDirectory directory;
  private final CallCounter counter;
  private final IntSupplier port;

  SsoOidcHandlers(SsoDirectory directory, CallCounter counter, IntSupplier port) {
    this.directory = directory;
    this.counter = counter;
    this.port = port;
  }

  Handler<RoutingContext> registerClient() {
    return ctx -> {
      counter.record("RegisterClient");
      JsonObject body = SsoReplies.body(ctx);
      if (body == null
          || blank(body.getString("clientName"))
          || !"public".equals(body.getString("clientType"))) {
        invalidRequest(ctx, "clientName and clientType 'public' are required");
        return;
      }
      List<String> grants =
          body.getJsonArray("grantTypes", new JsonArray()).stream().map(String::valueOf).toList();
      OidcClients.Client client =
          directory.clients().register(body.getString("clientName"), grants);
      SsoReplies.ok(
          ctx,
          new JsonObject()
              .put("clientId", client.id())
              .put("clientSecret", client.secret())
              .put("clientIdIssuedAt", client.issuedAt().getEpochSecond())
              .put("clientSecretExpiresAt", client.expiresAt().getEpochSecond()));
    };
  }

  Handler<RoutingContext> startDeviceAuthorization() {
    return ctx -> {
      Optional<ClientRequest> request = clientRequest(ctx, "StartDeviceAuthorization", "startUrl");
      if (request.isEmpty()) {
        return;
      }
      OidcClients.DeviceSignIn device = directory.clients().startDevice(request.get().client());
      String page = "http://127.0.0.1:" + port.getAsInt() + SsoDevicePage.PATH;
      SsoReplies.ok(
          ctx,
          new JsonObject()
              .put("deviceCode", device.deviceCode)
              .put("userCode", device.userCode)
              .put("verificationUri", page)
              .put("verificationUriComplete", page + "?user_code=" + device.userCode)
              .put("expiresIn", Duration.between(directory.now(), device.expiresAt).toSeconds())
              .put("interval", device.interval));
    };
  }

  Handler<RoutingContext> createToken() {
    return ctx -> {
      Optional<ClientRequest> request = clientRequest(ctx, "CreateToken", "grantType");
      if (request.isEmpty()) {
        return;
      }
      JsonObject body = request.get().body();
      OidcClients.Client client = request.get().client();
      switch (body.getString("grantType")) {
        case SsoDirectory.DEVICE_GRANT -> deviceGrant(ctx, client, body.getString("deviceCode"));
        case SsoDirectory.REFRESH_GRANT ->
            refreshGrant(ctx, client, body.getString("refreshToken"));
        default ->
            SsoReplies.oidcError(
                ctx,
                400,
                "UnsupportedGrantTypeException",
                "unsupported_grant_type",
                "Unsupported grant type");
      }
    };
  }

  /**
   * Counts {@code action}, then checks what every call of a registered client needs: a body with
   * {@code required} set, and the client's id and secret. Empty once the refusal is answered.
   */
  private Optional<ClientRequest> clientRequest(
      RoutingContext ctx, String action, String required) {
    counter.record(action);
    JsonObject body = SsoReplies.body(ctx);
    if (body == null || blank(body.getString(required))) {
      invalidRequest(ctx, required + " is required");
      return Optional.empty();
    }
    Optional<OidcClients.Client> client =
        directory.clients().client(body.getString("clientId"), body.getString("clientSecret"));
    if (client.isEmpty()) {
      invalidClient(ctx);
    }
    return client.map(c -> new ClientRequest(body, c));
  }

  private record ClientRequest(JsonObject body, OidcClients.Client client) {}

  private void deviceGrant(RoutingContext ctx, OidcClients.Client client, String deviceCode) {
    Optional<OidcClients.DeviceSignIn> found =
        directory.clients().device(deviceCode).filter(d -> d.clientId.equals(client.id()));
    if (found.isEmpty()) {
      SsoReplies.oidcError(
          ctx, 400, "InvalidGrantException", "invalid_grant", "Invalid device code provided");
      return;
    }
    OidcClients.DeviceSignIn device = found.get();
    Instant now = directory.now();
    Instant last = device.lastPoll;
    device.lastPoll = now;
    if (!now.isBefore(device.expiresAt)) {
      directory.clients().consume(device);
      SsoReplies.oidcError(
          ctx, 400, "ExpiredTokenException", "expired_token", "Device code has expired");
    } else if (device.state == OidcClients.DeviceSignIn.State.DENIED) {
      directory.clients().consume(device);
      SsoReplies.oidcError(
          ctx, 400, "AccessDeniedException", "access_denied", "Authorization was denied");
    } else if (directory.clients().takeForcedSlowDown()
        || last != null && now.isBefore(last.plusSeconds(device.interval).minus(POLL_TOLERANCE))) {
      device.interval += 5;
      SsoReplies.oidcError(
          ctx, 400, "SlowDownException", "slow_down", "Client is polling too quickly");
    } else if (device.state == OidcClients.DeviceSignIn.State.APPROVED) {
      directory.clients().consume(device);
      tokenReply(ctx, directory.tokens().grant(client));
    } else {
      SsoReplies.oidcError(
          ctx,
          400,
          "AuthorizationPendingException",
          "authorization_pending",
          "Authorization is still pending");
    }
  }

  private void refreshGrant(RoutingContext ctx, OidcClients.Client client, String refreshToken) {
    Optional<SsoGrant> grant = directory.tokens().refresh(client, refreshToken);
    if (grant.isEmpty()) {
      SsoReplies.oidcError(
          ctx, 400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided");
      return;
    }
    tokenReply(ctx, grant.get());
  }

  private void tokenReply(RoutingContext ctx, SsoGrant grant) {
    JsonObject body =
        new JsonObject()
            .put("accessToken", grant.accessToken())
            .put("tokenType", "Bearer")
            .put("expiresIn", Duration.between(directory.now(), grant.expiresAt()).toSeconds());
    if (grant.refreshToken() != null) {
      body.put("refreshToken", grant.refreshToken());
    }
    SsoReplies.ok(ctx, body);
  }

  private static void invalidRequest(RoutingContext ctx, String description) {
    SsoReplies.oidcError(ctx, 400, "InvalidRequestException", "invalid_request", description);
  }

  private static void invalidClient(RoutingContext ctx) {
    SsoReplies.oidcError(
        ctx, 401, "InvalidClientException", "invalid_client", "Invalid client provided");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

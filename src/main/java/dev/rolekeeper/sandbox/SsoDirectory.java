package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.RandomTokens;
import dev.rolekeeper.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated IAM Identity Center: one signed-in user, account assignments (account →
 * permission-set roles), the OIDC clients, device authorizations and tokens it issued. Tests and
 * the demo control it here: approve or deny a device sign-in (as the person in the browser would),
 * shorten token lives, end every SSO session (refresh tokens stop working), or mint the tokens a
 * finished {@code aws sso login} would have cached. Thread-safe.
 */
public final class SsoDirectory {

  /** The OAuth grant types, as the OIDC service names them. */
  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  static final String REFRESH_GRANT = "refresh_token";
  private static final Duration REGISTRATION_LIFE = Duration.ofDays(90);
  private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

  private final Clock clock;
  private final String userName;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Set<String>> assignments = new ConcurrentHashMap<>();
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, Device> devices = new ConcurrentHashMap<>();
  private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final AtomicInteger accessTokenSeconds = new AtomicInteger(3600);
  private final AtomicInteger deviceCodeSeconds = new AtomicInteger(600);
  private final AtomicInteger pollSeconds = new AtomicInteger(1);
  private final AtomicInteger forcedSlowDowns = new AtomicInteger();

  SsoDirectory(Clock clock, String userName) {
    this.clock = clock;
    this.userName = userName;
  }

  /** The user who signs in, as role sessions name them. */
  public String userName() {
    return userName;
  }

  /** Lets the user take {@code roleName} in {@code accountId}. */
  public SsoDirectory assign(String accountId, String roleName) {
    assignments.computeIfAbsent(accountId, a -> new CopyOnWriteArraySet<>()).add(roleName);
    return this;
  }

  Map<String, Set<String>> assignments() {
    return Map.copyOf(assignments);
  }

  boolean assigned(String accountId, String roleName) {
    return assignments.getOrDefault(accountId, Set.of()).contains(roleName);
  }

  /**
   * The IAM role IAM Identity Center creates for a permission set, which trust policies of chained
   * roles name.
   */
  public static String roleArn(String accountId, String roleName) {
    return "arn:aws:iam::"
        + accountId
        + ":role/aws-reserved/sso.amazonaws.com/"
        + reservedRoleName(accountId, roleName);
  }

  static String reservedRoleName(String accountId, String roleName) {
    String suffix =
        Sha256.hexOf((accountId + "/" + roleName).getBytes(StandardCharsets.UTF_8))
            .substring(0, 16);
    return "AWSReservedSSO_" + roleName + "_" + suffix;
  }

  /** Access tokens issued from now on live {@code seconds}. */
  public void accessTokenSeconds(int seconds) {
    accessTokenSeconds.set(seconds);
  }

  /**
   * Device sign-ins started from now on expire after {@code seconds} and ask clients to poll every
   * {@code poll} s.
   */
  public void deviceCodes(int seconds, int poll) {
    deviceCodeSeconds.set(seconds);
    pollSeconds.set(poll);
  }

  /**
   * The next {@code polls} device-code polls are answered {@code slow_down}, as a busy service
   * would.
   */
  public void slowDownNextPolls(int polls) {
    forcedSlowDowns.set(polls);
  }

  boolean takeForcedSlowDown() {
    return forcedSlowDowns.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /**
   * The person in the browser approves the sign-in showing {@code userCode}; false if there is none
   * pending.
   */
  public boolean approve(String userCode) {
    return decide(userCode, Device.State.APPROVED);
  }

  /** The person in the browser refuses the sign-in. */
  public boolean deny(String userCode) {
    return decide(userCode, Device.State.DENIED);
  }

  private boolean decide(String userCode, Device.State state) {
    Optional<Device> device = pending(userCode);
    device.ifPresent(d -> d.state = state);
    return device.isPresent();
  }

  Optional<Device> pending(String userCode) {
    Instant now = clock.instant();
    return devices.values().stream()
        .filter(
            d ->
                d.userCode.equals(userCode)
                    && d.state == Device.State.PENDING
                    && now.isBefore(d.expiresAt))
        .findFirst();
  }

  /** The user codes of sign-ins waiting for the browser. */
  public List<String> pendingUserCodes() {
    Instant now = clock.instant();
    return devices.values().stream()
        .filter(d -> d.state == Device.State.PENDING && now.isBefore(d.expiresAt))
        .map(d -> d.userCode)
        .sorted()
        .toList();
  }

  /**
   * The SSO sessions end: every refresh token and access token stops working, so users must sign in
   * again.
   */
  public void endSessions() {
    refreshTokens.clear();
    accessTokens.clear();
  }

  /** Every access token expires now (refresh tokens keep working). */
  public void expireAccessTokens() {
    accessTokens.replaceAll((token, expiry) -> clock.instant());
  }

  /**
   * The tokens a finished {@code aws sso login} would have cached: a registered client and a
   * signed-in token, with a refresh token when {@code refreshable} (the sso-session form).
   */
  public SsoGrant signedIn(boolean refreshable) {
    Client client =
        register("test-client", refreshable ? List.of(DEVICE_GRANT, REFRESH_GRANT) : List.of());
    return grant(client);
  }

  Client register(String name, List<String> grantTypes) {
    Instant now = clock.instant();
    Client client =
        new Client(
            "client-" + randomToken(12),
            randomToken(48),
            name,
            grantTypes.contains(REFRESH_GRANT),
            now,
            now.plus(REGISTRATION_LIFE));
    clients.put(client.id(), client);
    return client;
  }

  Optional<Client> client(String id, String secret) {
    Client client = clients.get(id == null ? "" : id);
    return client != null
            && client.secret().equals(secret)
            && clock.instant().isBefore(client.expiresAt())
        ? Optional.of(client)
        : Optional.empty();
  }

  Device startDevice(Client client) {
    Instant now = clock.instant();
    Device device =
        new Device(
            randomToken(32),
            userCode(),
            client.id(),
            now.plusSeconds(deviceCodeSeconds.get()),
            pollSeconds.get());
    devices.put(device.deviceCode, device);
    return device;
  }

  Optional<Device> device(String deviceCode) {
    return Optional.ofNullable(devices.get(deviceCode == null ? "" : deviceCode));
  }

  void consume(Device device) {
    devices.remove(device.deviceCode);
  }

  SsoGrant grant(Client client) {
    Instant expiresAt = clock.instant().plusSeconds(accessTokenSeconds.get());
    String access = "aoa" + randomToken(48);
    accessTokens.put(access, expiresAt);
    String refresh = null;
    if (client.refreshable()) {
      refresh = "aor" + randomToken(48);
      refreshTokens.put(refresh, client.id());
    }
    return new SsoGrant(
        access, expiresAt, refresh, client.id(), client.secret(), client.expiresAt());
  }

  /**
   * A new access token for a refresh token of {@code client} (the refresh token stays valid), or
   * empty.
   */
  Optional<SsoGrant> refresh(Client client, String refreshToken) {
    if (refreshToken == null || !client.id().equals(refreshTokens.get(refreshToken))) {
      return Optional.empty();
    }
    Instant expiresAt = clock.instant().plusSeconds(accessTokenSeconds.get());
    String access = "aoa" + randomToken(48);
    accessTokens.put(access, expiresAt);
    return Optional.of(
        new SsoGrant(
            access, expiresAt, refreshToken, client.id(), client.secret(), client.expiresAt()));
  }

  /** Whether {@code accessToken} was issued here and is still valid. */
  boolean validAccessToken(String accessToken) {
    Instant expiry = accessTokens.get(accessToken == null ? "" : accessToken);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  Instant now() {
    return clock.instant();
  }

  private String userCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        code.append('-');
      }
      code.append(USER_CODE_ALPHABET.charAt(random.nextInt(USER_CODE_ALPHABET.length())));
    }
    return code.toString();
  }

  private static String randomToken(int bytes) {
    return RandomTokens.urlSafe(bytes);
  }

  /** A registered OIDC client. */
  record Client(
      String id,
      String secret,
      String name,
      boolean refreshable,
      Instant issuedAt,
      Instant expiresAt) {
    @Override
    public String toString() {
      return "Client[" + id + "]";
    }
  }

  /** A device sign-in: pending until the browser decides; polled by the client. */
  static final class Device {
    enum State {
      PENDING,
      APPROVED,
      DENIED
    }

    final String deviceCode;
    final String userCode;
    final String clientId;
    final Instant expiresAt;

    /** Seconds between polls; each {@code slow_down} adds five, as RFC 8628 has clients do. */
    volatile int interval;

    volatile State state = State.PENDING;
    volatile Instant lastPoll;

    Device(String deviceCode, String userCode, String clientId, Instant expiresAt, int interval) {
      this.deviceCode = deviceCode;
      this.userCode = userCode;
      this.clientId = clientId;
      this.expiresAt = expiresAt;
      this.interval = interval;
    }
  }
}

package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.RandomTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated OIDC service's registered clients and the device sign-ins they started, with the
 * knobs tests turn (device-code life, poll interval, forced {@code slow_down}). Thread-safe.
 */
final class OidcClients {

  private static final Duration REGISTRATION_LIFE = Duration.ofDays(90);
  private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, DeviceSignIn> devices = new ConcurrentHashMap<>();
  private final AtomicInteger deviceCodeSeconds = new AtomicInteger(600);
  private final AtomicInteger pollSeconds = new AtomicInteger(1);
  private final AtomicInteger forcedSlowDowns = new AtomicInteger();

  OidcClients(Clock clock) {
    this.clock = clock;
  }

  void deviceCodes(int seconds, int poll) {
    deviceCodeSeconds.set(seconds);
    pollSeconds.set(poll);
  }

  void slowDownNextPolls(int polls) {
    forcedSlowDowns.set(polls);
  }

  boolean takeForcedSlowDown() {
    return forcedSlowDowns.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  Client register(String name, List<String> grantTypes) {
    Instant now = clock.instant();
    Client client =
        new Client(
            "client-" + RandomTokens.urlSafe(12),
            RandomTokens.urlSafe(48),
            name,
            grantTypes.contains(SsoDirectory.REFRESH_GRANT),
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

  DeviceSignIn startDevice(Client client) {
    Instant now = clock.instant();
    DeviceSignIn device =
        new DeviceSignIn(
            RandomTokens.urlSafe(32),
            userCode(),
            client.id(),
            now.plusSeconds(deviceCodeSeconds.get()),
            pollSeconds.get());
    devices.put(device.deviceCode, device);
    return device;
  }

  Optional<DeviceSignIn> device(String deviceCode) {
    return Optional.ofNullable(devices.get(deviceCode == null ? "" : deviceCode));
  }

  void consume(DeviceSignIn device) {
    devices.remove(device.deviceCode);
  }

  /** Records the browser's decision on a pending sign-in; false if there is none. */
  boolean decide(String userCode, DeviceSignIn.State state) {
    Optional<DeviceSignIn> device = pending(userCode);
    device.ifPresent(d -> d.state = state);
    return device.isPresent();
  }

  Optional<DeviceSignIn> pending(String userCode) {
    Instant now = clock.instant();
    return devices.values().stream()
        .filter(
            d ->
                d.userCode.equals(userCode)
                    && d.state == DeviceSignIn.State.PENDING
                    && now.isBefore(d.expiresAt))
        .findFirst();
  }

  List<String> pendingUserCodes() {
    Instant now = clock.instant();
    return devices.values().stream()
        .filter(d -> d.state == DeviceSignIn.State.PENDING && now.isBefore(d.expiresAt))
        .map(d -> d.userCode)
        .sorted()
        .toList();
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

  /** A registered OIDC client. */
  record Client(
      String id,
      String secret,
      String name,
      boolean refreshable,
      Instant issuedAt,
      Instant expiresAt) {
    // The secret must not reach logs or assertion messages.
    @Override
    public String toString() {
      return "Client[" + id + "]";
    }
  }

  /** A device sign-in: pending until the browser decides; polled by the client. */
  static final class DeviceSignIn {
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

    DeviceSignIn(
        String deviceCode, String userCode, String clientId, Instant expiresAt, int interval) {
      this.deviceCode = deviceCode;
      this.userCode = userCode;
      this.clientId = clientId;
      this.expiresAt = expiresAt;
      this.interval = interval;
    }
  }
}

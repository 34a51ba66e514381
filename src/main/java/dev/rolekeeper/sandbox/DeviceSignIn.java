package dev.rolekeeper.sandbox;

import java.time.Instant;

/** A device sign-in: pending until the browser decides; polled by the client. */
final class DeviceSignIn {
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

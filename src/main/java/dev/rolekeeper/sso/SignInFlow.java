package dev.rolekeeper.sso;

import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.sso.SsoCalls.DeviceCode;
import dev.rolekeeper.sso.SsoCalls.Poll;
import dev.rolekeeper.sso.SsoToken.Registration;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device-authorization sign-in: RegisterClient (or the still valid registration of the cached
 * token), StartDeviceAuthorization, then CreateToken polled every {@code interval} seconds — five
 * more after each {@code slow_down} — until approved, denied or expired. Runs on the {@link
 * SsoSessions} context; the calls on worker threads.
 */
final class SignInFlow {

  private static final Logger LOG = LoggerFactory.getLogger(SignInFlow.class);
  private static final int SLOW_DOWN_SECONDS = 5;

  private final Vertx vertx;
  private final SsoCalls calls;
  private final SsoSettings settings;
  private final Clock clock;
  private final Promise<DeviceCode> started = Promise.promise();
  private final Promise<SsoToken> finished = Promise.promise();
  private volatile DeviceCode device;
  private int interval;

  SignInFlow(Vertx vertx, SsoCalls calls, SsoSettings settings, Clock clock) {
    this.vertx = vertx;
    this.calls = calls;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Starts: completes {@link #started()} with the code to show, then {@link #finished()} with the
   * new token.
   */
  SignInFlow start(SsoToken previous) {
    vertx
        .executeBlocking(
            () -> {
              Registration client = reusable(previous).orElse(null);
              if (client == null) {
                client = calls.register(settings);
              }
              return new Object[] {client, calls.startDevice(settings, client)};
            },
            false)
        .onComplete(
            result -> {
              if (result.failed()) {
                started.tryFail(result.cause());
                finished.tryFail(result.cause());
                return;
              }
              Registration client = (Registration) result.result()[0];
              device = (DeviceCode) result.result()[1];
              interval = device.interval();
              LOG.info(
                  "Sign-in to {} started: open {} and check the code {}",
                  settings.label(),
                  device.verificationUriComplete(),
                  device.userCode());
              started.tryComplete(device);
              pollLater(client);
            });
    return this;
  }

  private java.util.Optional<Registration> reusable(SsoToken previous) {
    Instant soon = clock.instant().plusSeconds(3600);
    boolean usable =
        previous != null
            && previous.client() != null
            && previous.client().expiresAt() != null
            && previous.client().expiresAt().isAfter(soon)
            && (!settings.hasSession() || previous.refreshToken() != null);
    return usable ? java.util.Optional.of(previous.client()) : java.util.Optional.empty();
  }

  private void pollLater(Registration client) {
    vertx.setTimer(
        interval * 1000L,
        id -> {
          if (!clock.instant().isBefore(device.expiresAt())) {
            finished.tryFail(
                new SsoCallException(
                    SsoCallException.Kind.FATAL,
                    "ExpiredTokenException",
                    "nobody approved the sign-in in time"));
            return;
          }
          vertx
              .executeBlocking(() -> calls.poll(settings, client, device), false)
              .onComplete(
                  result -> {
                    if (result.failed()) {
                      finished.tryFail(result.cause());
                    } else if (result.result() instanceof Poll.Granted granted) {
                      finished.tryComplete(granted.token());
                    } else {
                      if (result.result() instanceof Poll.SlowDown) {
                        interval += SLOW_DOWN_SECONDS;
                      }
                      pollLater(client);
                    }
                  });
        });
  }

  Future<DeviceCode> started() {
    return started.future();
  }

  Future<SsoToken> finished() {
    return finished.future();
  }

  /** The code and link of this sign-in, once started; null before. */
  DeviceCode device() {
    return device;
  }
}

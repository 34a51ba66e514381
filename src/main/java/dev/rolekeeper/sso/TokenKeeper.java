package dev.rolekeeper.sso;

import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.session.Refresher;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The state of one SSO session (one token cache entry): the token held and refreshed by its {@link
 * Refresher}, a sign-in under way, the profiles using it. Confined to the {@link SsoSessions}
 * context; the volatile fields (and the token) may be read by {@code status} from any thread.
 */
final class TokenKeeper {

  final SsoSettings settings;
  final Set<String> profiles = new ConcurrentSkipListSet<>();
  final Refresher<SsoToken> refresher;

  /** The service refused the refresh token: only a sign-in renews this session now. */
  volatile boolean refreshRefused;

  volatile SignInFlow flow;
  volatile String lastError;

  /** The token expiry a sign-in was last announced for, so one need is announced once. */
  Instant announcedFor;

  TokenKeeper(SsoSettings settings, TokenRenewal renewal) {
    this.settings = settings;
    this.refresher = renewal.refresherFor(this);
  }

  /** The token held, or null. Any thread. */
  SsoToken token() {
    return refresher.value();
  }

  String name() {
    return settings.cacheKey();
  }

  boolean refreshableAt(Instant now) {
    return refreshable(token(), now);
  }

  /** Whether {@code held}, as this session's token, could be refreshed at {@code now}. */
  boolean refreshable(SsoToken held, Instant now) {
    return held != null && !refreshRefused && held.refreshableAt(now);
  }

  /**
   * When a sign-in is needed: never foreseeable while the token can be refreshed, else when it
   * expires.
   */
  Instant signInNeededBy(Instant now) {
    SsoToken held = token();
    if (held == null) {
      return now;
    }
    return refreshableAt(now) ? null : held.expiresAt();
  }

  SignInNeed need(Instant now) {
    Instant by = signInNeededBy(now);
    return new SignInNeed(settings.label(), name(), List.copyOf(profiles), by == null ? now : by);
  }

  SsoSessionStatus status(Instant now) {
    SsoToken held = token();
    SignInFlow running = flow;
    SsoCalls.DeviceCode device = running == null ? null : running.device();
    String state =
        running != null
            ? "SigningIn"
            : held != null && (held.validAt(now) || refreshableAt(now))
                ? "SignedIn"
                : "SignInNeeded";
    return new SsoSessionStatus(
        name(),
        settings.startUrl(),
        List.copyOf(profiles),
        new SsoSessionStatus.Token(held == null ? null : held.expiresAt(), refreshableAt(now)),
        new SsoSessionStatus.SignIn(
            state,
            signInNeededBy(now),
            device == null ? null : device.verificationUriComplete(),
            device == null ? null : device.userCode()),
        lastError);
  }
}

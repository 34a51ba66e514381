package dev.rolekeeper.signin;

import dev.rolekeeper.crypto.Sha256;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.session.Refresher;
import dev.rolekeeper.sso.SignInNeed;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The state of one console session (one login cache entry, one {@code login_session} value): the
 * token held and refreshed by its {@link Refresher}, whether the service refused to refresh it, a
 * sign-in under way and how the last one ended, the profiles using it, and when the sign-in it
 * continues began. Confined to the {@link ConsoleSessions} context; the volatile fields (and the
 * token) may be read by {@code status} from any thread.
 */
final class SessionKeeper {

  /** A console session ends this long after its sign-in (not stated by the protocol). */
  static final Duration SESSION_LIFE = Duration.ofHours(12);

  final LoginSettings settings;
  final Set<String> profiles = new ConcurrentSkipListSet<>();
  final Refresher<LoginToken> refresher;

  /** The service refused the refresh token, or the cache entry is gone: only a sign-in helps. */
  volatile boolean refreshRefused;

  /** A sign-in under way (completes once its link is known), or null. */
  volatile Future<ConsoleSessions.Started> flow;

  volatile String lastError;

  /** How the last browser sign-in that finished ended, or null. */
  volatile ConsoleSessionStatus.LastSignIn lastSignIn;

  /** When the timer refreshes next, or null (set by the refresher's rules). */
  Instant nextRefresh;

  /** The sign-in whose need was last announced ({@link #chain}), so a need is told once. */
  String announcedFor;

  /** The sign-in last seen ({@link #chain}) and since when, for the end's estimate. */
  private volatile String seenChain;

  private volatile Instant seenSince;

  SessionKeeper(LoginSettings settings, SessionRenewal renewal) {
    this.settings = settings;
    this.refresher = renewal.refresherFor(this);
  }

  /** The token held, or null. Any thread. */
  LoginToken token() {
    return refresher.value();
  }

  String session() {
    return settings.session();
  }

  /** What {@code rolekeeper login} is told to take: the first profile using this session. */
  String loginName() {
    return profiles.isEmpty() ? session() : profiles.iterator().next();
  }

  boolean refreshable() {
    return refreshable(token());
  }

  /** Whether {@code held}, as this session's token, can be refreshed without a sign-in. */
  boolean refreshable(LoginToken held) {
    return held != null && !refreshRefused;
  }

  /** Notes the sign-in {@code held} belongs to; a new one starts the 12 hours again. */
  void seen(LoginToken held, Instant now) {
    if (held != null && !chain(held).equals(seenChain)) {
      seenChain = chain(held);
      seenSince = now;
    }
  }

  /**
   * The sign-in {@code held} continues ("" for none), the key of announcements: a digest of its
   * DPoP key, which every refresh keeps and every sign-in makes anew.
   */
  static String chain(LoginToken held) {
    return held == null
        ? ""
        : Sha256.hexOf(held.dpopKey().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /**
   * When the console session is estimated to end: the ID token's {@code iat} plus 12 hours, else 12
   * hours after its refresh-token chain was first seen; null without a token.
   */
  Instant sessionEnds() {
    return sessionEnds(token());
  }

  /** {@link #sessionEnds()} for {@code held}, as this session's token. */
  Instant sessionEnds(LoginToken held) {
    if (held == null) {
      return null;
    }
    Instant issued = IdToken.issuedAt(held.idToken());
    if (issued != null) {
      return issued.plus(SESSION_LIFE);
    }
    Instant seen = chain(held).equals(seenChain) ? seenSince : null;
    return seen == null ? null : seen.plus(SESSION_LIFE);
  }

  /**
   * By when a sign-in is needed: now without a token, when the last credentials expire once the
   * refresh was refused, else when the session is estimated to end.
   */
  Instant signInNeededBy(Instant now) {
    LoginToken held = token();
    if (held == null) {
      return now;
    }
    return refreshRefused ? held.credentials().expiration() : sessionEnds();
  }

  SignInNeed need(Instant now) {
    Instant by = signInNeededBy(now);
    return new SignInNeed(
        settings.label(), loginName(), List.copyOf(profiles), by == null ? now : by);
  }

  /**
   * The state {@code status} shows. Once the refresh token was refused only a sign-in helps, so the
   * session is {@code SignInNeeded} even while its last credentials are still served: {@code
   * rolekeeper login} reads a failed sign-in from this, and must not take served-but-doomed
   * credentials for a success.
   */
  ConsoleSessionStatus status(Instant now) {
    LoginToken held = token();
    String state = flow != null ? "SigningIn" : refreshable(held) ? "SignedIn" : "SignInNeeded";
    return new ConsoleSessionStatus(
        session(),
        List.copyOf(profiles),
        state,
        new ConsoleSessionStatus.Times(
            held == null ? null : held.credentials().expiration(),
            sessionEnds(),
            signInNeededBy(now)),
        lastError,
        lastSignIn);
  }
}

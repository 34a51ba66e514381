package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.RandomTokens;
import dev.rolekeeper.crypto.Sha256;
import dev.rolekeeper.sandbox.SimulatorConfig.SimUser;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated AWS Sign-In service ({@code aws login}): one console user, the authorization codes
 * the browser page hands out, and the refresh tokens of console sessions. A code is redeemed once,
 * within {@link #CODE_LIFE}, by the client and redirect URI it was issued for and the PKCE verifier
 * of its challenge. A refresh token is bound to the DPoP key that obtained it and rotates on every
 * use. Credentials are sessions of the console user issued through the {@link CredentialStore}, so
 * STS accepts them as signers. Tests control it here: {@link #changePassword} (refreshes answer
 * {@code USER_CREDENTIALS_CHANGED}), {@link #endSessions} ({@code TOKEN_EXPIRED}), {@link
 * #denyPermission} ({@code INSUFFICIENT_PERMISSIONS}), {@link #failNext} (faults of the token
 * route: server errors, throttling, dropped connections) and {@link #accessSeconds} (shorter
 * credentials, for tests of a daemon on the wall clock). Thread-safe.
 */
public final class SigninDirectory {

  static final Set<String> CLIENT_IDS =
      Set.of("arn:aws:signin:::devtools/same-device", "arn:aws:signin:::devtools/cross-device");

  static final Duration CODE_LIFE = Duration.ofMinutes(5);

  /** A console session ends 12 hours after sign-in; the access token lives at most 15 minutes. */
  private static final Duration SESSION_LIFE = Duration.ofHours(12);

  private static final int ACCESS_SECONDS = 900;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Clock clock;
  private final CredentialStore store;
  private final SimUser user;
  private final SigninIdTokens idTokens = new SigninIdTokens();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Binding> refreshTokens = new ConcurrentHashMap<>();
  private final AtomicInteger passwordVersion = new AtomicInteger();
  private final AtomicInteger accessSeconds = new AtomicInteger(ACCESS_SECONDS);
  private final AtomicBoolean permissionDenied = new AtomicBoolean();
  private final FaultHandler faults = new FaultHandler(SigninFaults::answer);

  private record Code(String clientId, String redirectUri, String challenge, Instant expiresAt) {}

  /** What a refresh token was issued to, and the session it continues. */
  private record Binding(
      String clientId, String thumbprint, Instant sessionEnd, int passwordVersion) {}

  /** What a grant yields: the session's credentials and tokens, or the refusal to send. */
  sealed interface Result permits Issued, SigninError {}

  /** {@code idToken} is null on refresh, as with the real service. */
  record Issued(IssuedCredential credential, String refreshToken, String idToken)
      implements Result {}

  /** The console user is the first of {@code users}. */
  SigninDirectory(Clock clock, CredentialStore store, List<SimUser> users) {
    this.clock = clock;
    this.store = store;
    this.user = users.isEmpty() ? null : users.get(0);
  }

  /** The console user's ARN (the session's {@code login_session}), or null when none is set. */
  public String userArn() {
    return user == null ? null : user.arn();
  }

  /**
   * The console user changes their password: every refresh token issued before is refused with
   * {@code USER_CREDENTIALS_CHANGED}.
   */
  public void changePassword() {
    passwordVersion.incrementAndGet();
  }

  /**
   * Credentials issued from now on live {@code seconds} (at most the service's 900), so a test on
   * the wall clock sees them expire and refreshed within seconds.
   */
  public void accessSeconds(int seconds) {
    if (seconds < 1 || seconds > ACCESS_SECONDS) {
      throw new IllegalArgumentException(
          "access seconds must be within 1.." + ACCESS_SECONDS + ", was " + seconds);
    }
    accessSeconds.set(seconds);
  }

  /**
   * While {@code denied}, the console user lacks {@code signin:CreateOAuth2Token}: every grant that
   * would otherwise succeed is refused with {@code AccessDeniedException} / {@code
   * INSUFFICIENT_PERMISSIONS}. A refused refresh token is not spent, so once the permission is back
   * its holder goes on; a refused code is spent, as any redeemed one.
   */
  public void denyPermission(boolean denied) {
    permissionDenied.set(denied);
  }

  /**
   * The next {@code times} token requests ({@code POST /v1/token}, either grant) meet {@code fault}
   * before anything is checked, queued after faults already planned; see {@link SigninFaults} for
   * the answers. The STS route's faults ({@link StsSimulator#failNext}) are a queue of their own.
   */
  public void failNext(Fault fault, int times) {
    faults.failNext(Objects.requireNonNull(fault, "fault"), times);
  }

  /** The token route's fault queue, applied ahead of its handler. */
  FaultHandler faults() {
    return faults;
  }

  /** Every console session ends now: refreshes are refused with {@code TOKEN_EXPIRED}. */
  public void endSessions() {
    Instant now = clock.instant();
    refreshTokens.replaceAll(
        (t, b) -> new Binding(b.clientId(), b.thumbprint(), now, b.passwordVersion()));
  }

  /** The browser's approval: a new single-use code for this authorization request. */
  String newCode(String clientId, String redirectUri, String challenge) {
    Instant now = clock.instant();
    codes.values().removeIf(c -> c.expiresAt().isBefore(now));
    String code = RandomTokens.urlSafe(32);
    codes.put(code, new Code(clientId, redirectUri, challenge, now.plus(CODE_LIFE)));
    return code;
  }

  /** The authorization-code grant, from a request whose DPoP key has {@code thumbprint}. */
  Result redeem(JsonObject body, String thumbprint) {
    Code code = codes.remove(body.getString("code", ""));
    if (code == null) {
      return SigninError.invalidRequest(SigninError.INVALID_GRANT);
    }
    Instant now = clock.instant();
    if (!now.isBefore(code.expiresAt())) {
      return SigninError.accessDenied("AUTHCODE_EXPIRED", "The authorization code has expired");
    }
    if (!code.clientId().equals(body.getString("clientId"))
        || !code.redirectUri().equals(body.getString("redirectUri"))) {
      return SigninError.invalidRequest(SigninError.INVALID_GRANT);
    }
    if (!code.challenge().equals(challengeOf(body.getString("codeVerifier")))) {
      return SigninError.invalidRequest("The code verifier does not match the code challenge");
    }
    if (permissionDenied.get()) {
      return SigninError.insufficientPermissions(user.arn());
    }
    Binding session =
        new Binding(code.clientId(), thumbprint, now.plus(SESSION_LIFE), passwordVersion.get());
    return issue(session, idTokens.mint(user.arn(), code.clientId(), now, ACCESS_SECONDS));
  }

  /** The refresh-token grant: the token must be bound to {@code thumbprint}; it is then spent. */
  Result refresh(JsonObject body, String thumbprint) {
    String token = body.getString("refreshToken", "");
    Binding session = refreshTokens.get(token);
    if (session == null) {
      return SigninError.accessDenied("TOKEN_EXPIRED", "The refresh token has expired.");
    }
    if (!session.clientId().equals(body.getString("clientId"))) {
      return SigninError.invalidRequest(SigninError.INVALID_GRANT);
    }
    if (!session.thumbprint().equals(thumbprint)) {
      // Not spent: the holder of the bound key may still use it.
      return SigninError.invalidRequest(
          "The DPoP key is not the one the refresh token is bound to");
    }
    SigninError ended = ended(session);
    if (ended == null && permissionDenied.get()) {
      // Not spent: the token is good, its holder only lacks the permission for now.
      return SigninError.insufficientPermissions(user.arn());
    }
    if (!refreshTokens.remove(token, session)) {
      return SigninError.accessDenied("TOKEN_EXPIRED", "The refresh token has expired.");
    }
    return ended != null ? ended : issue(session, null);
  }

  /** Why the session a refresh token continues is over, or null while it goes on. */
  private SigninError ended(Binding session) {
    if (session.passwordVersion() != passwordVersion.get()) {
      return SigninError.accessDenied(
          "USER_CREDENTIALS_CHANGED",
          "Your session has ended because your password changed. Sign in again.");
    }
    if (!clock.instant().isBefore(session.sessionEnd())) {
      return SigninError.accessDenied("TOKEN_EXPIRED", "The refresh token has expired.");
    }
    return null;
  }

  private Issued issue(Binding session, String idToken) {
    Instant now = clock.instant();
    // A binding past its session end is refused as an unknown one would be, so it can go.
    refreshTokens.values().removeIf(b -> !now.isBefore(b.sessionEnd()));
    long left = Duration.between(now, session.sessionEnd()).toSeconds();
    int seconds = (int) Math.max(1, Math.min(accessSeconds.get(), left));
    IssuedCredential credential =
        store.issue(CredentialStore.userPrincipal(user, true, false), seconds, now);
    String refreshToken = RandomTokens.urlSafe(48);
    refreshTokens.put(refreshToken, session);
    return new Issued(credential, refreshToken, idToken);
  }

  /** PKCE as the CLI does it: base64url of SHA-256 of the verifier, without padding. */
  static String challengeOf(String verifier) {
    if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
      return null;
    }
    return B64.encodeToString(Sha256.of(verifier.getBytes(StandardCharsets.US_ASCII)));
  }
}

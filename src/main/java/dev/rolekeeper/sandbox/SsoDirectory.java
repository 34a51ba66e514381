package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

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

  private final Clock clock;
  private final String userName;
  private final Map<String, Set<String>> assignments = new ConcurrentHashMap<>();
  private final OidcClients clients;
  private final SsoTokens tokens;

  SsoDirectory(Clock clock, String userName) {
    this.clock = clock;
    this.userName = userName;
    this.clients = new OidcClients(clock);
    this.tokens = new SsoTokens(clock);
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
    tokens.accessTokenSeconds(seconds);
  }

  /**
   * Device sign-ins started from now on expire after {@code seconds} and ask clients to poll every
   * {@code poll} s.
   */
  public void deviceCodes(int seconds, int poll) {
    clients.deviceCodes(seconds, poll);
  }

  /**
   * The next {@code polls} device-code polls are answered {@code slow_down}, as a busy service
   * would.
   */
  public void slowDownNextPolls(int polls) {
    clients.slowDownNextPolls(polls);
  }

  /**
   * The person in the browser approves the sign-in showing {@code userCode}; false if there is none
   * pending.
   */
  public boolean approve(String userCode) {
    return clients.decide(userCode, OidcClients.DeviceSignIn.State.APPROVED);
  }

  /** The person in the browser refuses the sign-in. */
  public boolean deny(String userCode) {
    return clients.decide(userCode, OidcClients.DeviceSignIn.State.DENIED);
  }

  /** The user codes of sign-ins waiting for the browser. */
  public List<String> pendingUserCodes() {
    return clients.pendingUserCodes();
  }

  /**
   * The SSO sessions end: every refresh token and access token stops working, so users must sign in
   * again.
   */
  public void endSessions() {
    tokens.endSessions();
  }

  /** Every access token expires now (refresh tokens keep working). */
  public void expireAccessTokens() {
    tokens.expireAccessTokens();
  }

  /**
   * The tokens a finished {@code aws sso login} would have cached: a registered client and a
   * signed-in token, with a refresh token when {@code refreshable} (the sso-session form).
   */
  public SsoGrant signedIn(boolean refreshable) {
    OidcClients.Client client =
        clients.register(
            "test-client", refreshable ? List.of(DEVICE_GRANT, REFRESH_GRANT) : List.of());
    return tokens.grant(client);
  }

  OidcClients clients() {
    return clients;
  }

  SsoTokens tokens() {
    return tokens;
  }

  Instant now() {
    return clock.instant();
  }
}

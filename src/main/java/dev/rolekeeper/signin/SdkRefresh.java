package dev.rolekeeper.signin;

import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.signin.LoginCallException.Kind;
import dev.rolekeeper.sts.NetworkSetupException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.signin.auth.LoginCredentialsProvider;
import software.amazon.awssdk.services.signin.model.AccessDeniedException;
import software.amazon.awssdk.services.signin.model.OAuth2ErrorCode;

/**
 * One refresh of a console session through the AWS SDK's own login provider, which reads the cache
 * file, calls CreateOAuth2Token (refresh grant) with its DPoP proof, and writes the rotated refresh
 * token and new credentials back. A fresh provider per attempt: a long-lived one caches its value
 * and, with {@code StaleValueBehavior.ALLOW}, answers a refused refresh with the stale credentials
 * (notes §1, §5 risk 6), so a refusal would never reach us. Its windows make it refresh whenever it
 * is asked, since the keeper decides when. Blocking: call on a worker thread.
 */
final class SdkRefresh {

  /** The provider refreshes when the cached token expires within this: always, as we ask. */
  private static final Duration ALWAYS = Duration.ofDays(1);

  /** How close to expiry the provider's own cache calls a value stale (its default). */
  private static final Duration STALE = Duration.ofMinutes(1);

  private final LoginCache cache;
  private final SigninClients clients;

  SdkRefresh(LoginCache cache, SigninClients clients) {
    this.cache = cache;
    this.clients = clients;
  }

  LoginCache cache() {
    return cache;
  }

  /**
   * Refreshes the session cached for {@code settings} and returns it as the file now holds it.
   *
   * @param held the token held in memory, or null: its ID token is put back if the SDK dropped it
   * @throws LoginCallException what went wrong and what to do about it
   */
  LoginToken refresh(LoginSettings settings, LoginToken held) throws LoginCallException {
    LoginToken before = read(settings).orElseThrow(() -> noSession(settings));
    try (LoginCredentialsProvider provider =
        LoginCredentialsProvider.builder()
            .signinClient(clients.client(settings))
            .loginSession(settings.session())
            .tokenCacheLocation(cache.dir())
            .asyncCredentialUpdateEnabled(false)
            .prefetchTime(ALWAYS)
            .staleTime(STALE)
            .build()) {
      provider.resolveCredentials();
    } catch (RuntimeException e) {
      if (read(settings).isEmpty()) {
        throw noSession(settings);
      }
      throw classify(e);
    }
    LoginToken after =
        read(settings)
            .orElseThrow(
                () ->
                    new LoginCallException(
                        Kind.RETRYABLE,
                        "NoLoginCache",
                        "the login cache entry was removed while it was being refreshed"));
    return withIdToken(settings, after, before, held);
  }

  /** The SDK writes no {@code idToken}: put the sign-in's back, if it is of the same sign-in. */
  private LoginToken withIdToken(
      LoginSettings settings, LoginToken after, LoginToken before, LoginToken held)
      throws LoginCallException {
    if (after.idToken() != null) {
      return after;
    }
    Optional<String> idToken =
        Stream.of(before, held)
            .filter(t -> t != null && t.idToken() != null && t.dpopKey().equals(after.dpopKey()))
            .map(LoginToken::idToken)
            .findFirst();
    if (idToken.isEmpty()) {
      return after;
    }
    LoginToken restored =
        new LoginToken(
            after.credentials(),
            after.refreshToken(),
            after.clientId(),
            after.dpopKey(),
            idToken.get());
    try {
      cache.write(settings.session(), restored);
    } catch (IOException e) {
      // The refresh itself worked: the ID token stays in memory, to be written the next time.
    }
    return restored;
  }

  private Optional<LoginToken> read(LoginSettings settings) throws LoginCallException {
    try {
      return cache.read(settings.session());
    } catch (IOException e) {
      // Unreadable or not a cache entry: only a new sign-in writes a good one.
      throw new LoginCallException(
          Kind.SIGN_IN_NEEDED, "BadLoginCache", "cannot use the login cache: " + e.getMessage());
    }
  }

  private LoginCallException noSession(LoginSettings settings) {
    return new LoginCallException(
        Kind.SIGN_IN_NEEDED,
        "NoLoginCache",
        "no signed-in session in the login cache (" + cache.fileFor(settings.session()) + ")");
  }

  /** Sorts a failure of the SDK's refresh by its cause chain (the SDK wraps the service's). */
  static LoginCallException classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AccessDeniedException denied) {
        LoginCallException refused = refused(denied);
        if (refused != null) {
          return refused;
        }
      } else if (cause instanceof NetworkSetupException setup) {
        // A bad CA bundle or proxy variable: retrying will not help until the user fixes it.
        return new LoginCallException(
            Kind.FATAL, setup.code(), "the Sign-In call failed: " + setup.getMessage());
      }
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AwsServiceException service) {
        String code =
            service.awsErrorDetails() == null ? "Unknown" : service.awsErrorDetails().errorCode();
        if (service instanceof AccessDeniedException denied) {
          code = denied.errorAsString();
        }
        return new LoginCallException(
            Kind.RETRYABLE,
            code,
            "the Sign-In service did not refresh the session: "
                + code
                + " (HTTP "
                + service.statusCode()
                + ")");
      }
    }
    Throwable root = failure.getCause() != null ? failure.getCause() : failure;
    String detail =
        root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    return new LoginCallException(
        Kind.RETRYABLE,
        "Unreachable",
        "the Sign-In service could not be reached ("
            + root.getClass().getSimpleName()
            + detail
            + ")");
  }

  /** What a refusal means, or null when it is not one of the known refusals. */
  private static LoginCallException refused(AccessDeniedException denied) {
    OAuth2ErrorCode error = denied.error();
    if (error == OAuth2ErrorCode.TOKEN_EXPIRED) {
      return new LoginCallException(
          Kind.SIGN_IN_NEEDED,
          "TOKEN_EXPIRED",
          "the Sign-In service refused the refresh: the console session has ended"
              + " (TOKEN_EXPIRED)");
    }
    if (error == OAuth2ErrorCode.USER_CREDENTIALS_CHANGED) {
      return new LoginCallException(
          Kind.SIGN_IN_NEEDED,
          "USER_CREDENTIALS_CHANGED",
          "the Sign-In service refused the refresh: the password changed since the sign-in"
              + " (USER_CREDENTIALS_CHANGED)");
    }
    if (error == OAuth2ErrorCode.INSUFFICIENT_PERMISSIONS) {
      return new LoginCallException(
          Kind.FATAL,
          "INSUFFICIENT_PERMISSIONS",
          "the signed-in principal may not refresh console sessions: allow"
              + " signin:CreateOAuth2Token (the AWS managed policy SignInLocalDevelopmentAccess)"
              + " (INSUFFICIENT_PERMISSIONS)");
    }
    return null;
  }
}

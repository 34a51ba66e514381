package dev.rolekeeper.signin;

import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.signin.ConsoleSignInException.Reason;
import dev.rolekeeper.sts.NetworkSetupException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.signin.SigninClient;
import software.amazon.awssdk.services.signin.endpoints.SigninEndpointProvider;
import software.amazon.awssdk.services.signin.internal.DpopAuthPlugin;
import software.amazon.awssdk.services.signin.model.AccessDeniedException;
import software.amazon.awssdk.services.signin.model.CreateOAuth2TokenResponseBody;
import software.amazon.awssdk.services.signin.model.ValidationException;

/**
 * The Sign-In service's side of a console sign-in, through the AWS SDK's own {@link SigninClient}:
 * where the service is for a profile, and the authorization-code exchange, whose DPoP proof the
 * SDK's {@link DpopAuthPlugin} makes from the attempt's key, on the same {@link SigninClients} as
 * the refreshes (unsigned; proxy variables, {@code AWS_CA_BUNDLE} or the profile's {@code
 * ca_bundle}). Blocking: call on a worker thread.
 */
final class TokenExchange {

  private final SigninClients clients;

  TokenExchange(SigninClients clients) {
    this.clients = clients;
  }

  /**
   * The endpoint {@code CreateOAuth2Token} goes to for {@code settings}: its endpoint override,
   * else AWS's for its region, as the SDK's own endpoint rules resolve it ({@code IsControlPlane =
   * false}, the operation's static context: {@code https://{region}.signin.aws.amazon.com} in the
   * aws partition, the matching name in the others). The AWS CLI resolves its authorization page's
   * origin the same way.
   *
   * @throws ConsoleSignInException when neither an endpoint nor a region is known
   */
  static URI endpoint(LoginSettings settings) {
    try {
      return SigninEndpointProvider.defaultProvider()
          .resolveEndpoint(
              p -> {
                p.isControlPlane(false);
                if (settings.region() != null && !settings.region().isBlank()) {
                  p.region(Region.of(settings.region()));
                }
                if (settings.endpointUrl() != null && !settings.endpointUrl().isBlank()) {
                  p.endpoint(settings.endpointUrl().strip());
                }
              })
          .join()
          .url();
    } catch (CompletionException | SdkException | IllegalArgumentException e) {
      throw new ConsoleSignInException(
          Reason.UNREACHABLE,
          "no Sign-In endpoint for "
              + settings.label()
              + ": set the profile's region (or a signin endpoint_url)");
    }
  }

  /** The authorization page's origin, {@code scheme://host[:port]} of {@code endpoint}. */
  static String origin(URI endpoint) {
    return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
  }

  /**
   * Redeems {@code code} for the session's credentials and tokens, proving the attempt's DPoP key.
   *
   * @throws ConsoleSignInException when the service refuses or cannot be reached; the message names
   *     the error code and HTTP status, never the service's text or a secret
   */
  CreateOAuth2TokenResponseBody redeem(
      LoginSettings settings, SignInRequest request, String code, String redirect) {
    try {
      SigninClient client = clients.client(settings);
      return client
          .createOAuth2Token(
              r ->
                  r.tokenInput(
                          body ->
                              body.clientId(SignInRequest.CLIENT_ID)
                                  .grantType("authorization_code")
                                  .code(code)
                                  .codeVerifier(request.verifier())
                                  .redirectUri(redirect))
                      .overrideConfiguration(
                          c -> c.addPlugin(DpopAuthPlugin.create(request.dpopKey()))))
          .tokenOutput();
    } catch (SdkException e) {
      throw classify(e);
    }
  }

  private static ConsoleSignInException classify(SdkException e) {
    if (e instanceof AwsServiceException service) {
      String type =
          service.awsErrorDetails() == null ? "Unknown" : service.awsErrorDetails().errorCode();
      String error =
          e instanceof AccessDeniedException denied
              ? denied.errorAsString()
              : e instanceof ValidationException invalid ? invalid.errorAsString() : null;
      String what = type + (error == null ? "" : " " + error) + ", HTTP " + service.statusCode();
      if (service.statusCode() >= 500 || service.isThrottlingException()) {
        // Nothing was refused: the SDK's own retries ran out on a failing or busy service.
        return new ConsoleSignInException(
            Reason.UNREACHABLE,
            "the Sign-In service failed or is busy; sign in again in a moment (" + what + ")");
      }
      String hint =
          "AUTHCODE_EXPIRED".equals(error)
              ? "the authorization code expired; sign in again"
              : "INSUFFICIENT_PERMISSIONS".equals(error)
                  ? "the principal may not call signin:CreateOAuth2Token (AWS's policy"
                      + " SignInLocalDevelopmentAccess allows it)"
                  : "the Sign-In service refused the sign-in";
      return new ConsoleSignInException(Reason.REFUSED, hint + " (" + what + ")");
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof NetworkSetupException setup) {
        return new ConsoleSignInException(
            Reason.UNREACHABLE, "the Sign-In service cannot be called: " + setup.getMessage());
      }
    }
    Throwable root = e.getCause() != null ? e.getCause() : e;
    String detail =
        root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    return new ConsoleSignInException(
        Reason.UNREACHABLE,
        "the Sign-In service could not be reached ("
            + root.getClass().getSimpleName()
            + detail
            + ")");
  }
}

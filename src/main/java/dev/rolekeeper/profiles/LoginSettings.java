package dev.rolekeeper.profiles;

import java.util.Objects;

/**
 * A console sign-in session ({@code login_session}, the AWS CLI's {@code aws login}) as a profile
 * names it, with where its Sign-In calls go.
 *
 * @param session the {@code login_session} value (the signed-in principal's ARN): the cache key
 * @param region the Sign-In service's region (the profile's {@code region}, else the default)
 * @param endpointUrl the Sign-In endpoint the SDKs would use for this profile ({@code
 *     AWS_ENDPOINT_URL_SIGNIN}, {@code AWS_ENDPOINT_URL}, the {@code [services]} section's {@code
 *     signin}, {@code endpoint_url}, in that order, as botocore and the Java SDK's {@code
 *     AwsClientEndpointProvider} read them; none when {@code ignore_configured_endpoint_urls}), or
 *     null for AWS's own
 * @param caBundle the profile's {@code ca_bundle}, or null
 */
public record LoginSettings(String session, String region, String endpointUrl, String caBundle) {

  public LoginSettings {
    Objects.requireNonNull(session, "session");
    if (session.isBlank()) {
      throw new IllegalArgumentException("login_session must not be blank");
    }
  }

  /** "console sign-in arn:aws:iam::111122223333:user/dev", for log lines and prompts. */
  public String label() {
    return "console sign-in " + session;
  }
}
